package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks a layer's float32 computation against its float64 one, for layers whose float32 arrays
 * take a faster path (Java loops, fused kernels) than the float64 arrays that {@link
 * LayerContract}'s finite differences verify. Both precisions get the same float32-representable
 * weights, input and output gradient; outputs and gradients must agree to float32 rounding.
 */
final class Float32Check {
    /** Largest allowed difference, relative to the largest magnitude of the compared array. */
    private static final double TOLERANCE = 2e-5;

    private Float32Check() { }

    /**
     * Runs a training forward and backward pass in both precisions and compares them.
     *
     * @param factory makes a fresh, unbuilt layer; called twice
     * @param inputShape the per-sample input shape
     * @param batch the batch size
     * @param seed seeds the weights and the data
     */
    static void check(Supplier<Layer> factory, long[] inputShape, int batch, long seed) {
        Layer wide = factory.get();
        wide.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(seed)));
        Layer narrow = factory.get();
        narrow.build(inputShape, new BuildContext(DataType.FLOAT, new Random(seed)));
        List<INDArray> weights = wide.getWeights().stream().map(Float32Check::rounded).toList();
        wide.setWeights(weights);
        narrow.setWeights(weights);

        Random random = new Random(seed + 1);
        long[] shape = new long[inputShape.length + 1];
        shape[0] = batch;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        INDArray x = uniform(random, shape);
        INDArray out = wide.call(x, true);
        INDArray outFloat = narrow.call(x.castTo(DataType.FLOAT), true);
        assertThat(outFloat.dataType()).isEqualTo(DataType.FLOAT);
        assertClose("output", outFloat, out);

        INDArray g = uniform(random, out.shape());
        INDArray gx = wide.backprop(g, true);
        INDArray gxFloat = narrow.backprop(g.castTo(DataType.FLOAT), true);
        assertClose("input gradient", gxFloat, gx);
        for (int i = 0; i < wide.weights().size(); i++) {
            assertClose(wide.weights().get(i).name() + " gradient", narrow.weights().get(i).gradient(),
                    wide.weights().get(i).gradient());
        }
    }

    private static void assertClose(String what, INDArray actual, INDArray expected) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double[] a = values(actual);
        double[] e = values(expected);
        double scale = Arrays.stream(e).map(Math::abs).max().orElse(0);
        for (int k = 0; k < e.length; k++) {
            assertThat(Math.abs(a[k] - e[k])).as("%s %d: %s vs %s", what, k, a[k], e[k])
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(scale, 1e-30));
        }
    }

    /** Uniform in [−1, 1), rounded to float32 and held in float64. */
    private static INDArray uniform(Random random, long... shape) {
        double[] v = new double[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * random.nextDouble() - 1);
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    private static INDArray rounded(INDArray a) {
        return a.castTo(DataType.FLOAT).castTo(DataType.DOUBLE);
    }
}
