package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.testing.GradientCheck;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseTest {

    private static BuildContext doubles(long seed) {
        return new BuildContext(DataType.DOUBLE, new Random(seed));
    }

    /** Sum of output · fixed random weights: a scalar whose gradient wrt the output is those weights. */
    private static double probe(INDArray out, INDArray r) {
        return out.mul(r).sumNumber().doubleValue();
    }

    @Test
    void rejectsNonPositiveUnits() {
        assertThatThrownBy(() -> new Dense(0, "relu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("units=0");
    }

    @Test
    void buildCreatesKernelAndBias() {
        Dense d = new Dense(4, "relu");
        d.build(new long[] {3}, doubles(1));
        assertThat(d.weights()).extracting(Weight::name).containsExactly("kernel", "bias");
        assertThat(d.weights().get(0).shape()).containsExactly(3, 4);
        assertThat(d.countParams()).isEqualTo(3 * 4 + 4);
        assertThat(d.computeOutputShape(new long[] {7, 3})).containsExactly(7, 4);
    }

    @Test
    void forwardIsAffineMap() {
        Dense d = new Dense(2);
        d.build(new long[] {3}, doubles(1));
        INDArray w = Nd4j.create(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        INDArray b = Nd4j.create(new double[] {0.5, -1});
        d.setWeights(List.of(w, b));
        INDArray x = Nd4j.create(new double[][] {{1, 0, -1}, {2, 1, 0}});
        INDArray y = d.call(x, false);
        // by hand: [1-5+.5, 2-6-1] and [2+3+.5, 4+4-1]
        assertThat(y.toDoubleMatrix()).isEqualTo(new double[][] {{-3.5, -5}, {5.5, 7}});
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (long[] inShape : new long[][] {{3}, {2, 3}}) {
            Dense d = Dense.builder(4).activation("relu").biasInitializer("glorot_uniform").build();
            d.build(inShape, doubles(7));
            long[] batchShape = new long[inShape.length + 1];
            batchShape[0] = 5;
            System.arraycopy(inShape, 0, batchShape, 1, inShape.length);
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.rand(DataType.DOUBLE, batchShape).subi(0.5);
            INDArray out = d.call(x, true);
            INDArray r = Nd4j.rand(DataType.DOUBLE, out.shape());
            INDArray gx = d.backprop(r, true);
            GradientCheck.check("dense input", x, gx, () -> probe(d.call(x, true), r), GradientCheck.MIN_ABS_ERROR_LAYERS);
            for (Weight w : d.weights()) {
                d.call(x, true);
                d.backprop(r, false);
                INDArray analytic = w.gradient().dup();
                GradientCheck.check("dense " + w.name(), w.value(), analytic, () -> probe(d.call(x, true), r),
                        GradientCheck.MIN_ABS_ERROR_LAYERS);
            }
        }
    }

    @Test
    void satisfiesLayerContractForEveryActivationWithAndWithoutBias() {
        // the activations registered in Activations today
        for (String activation : new String[] {"linear", "relu"}) {
            for (boolean useBias : new boolean[] {true, false}) {
                for (long[] inShape : new long[][] {{3}, {2, 3}}) {
                    LayerContract.check(
                            () -> Dense.builder(4).activation(activation).useBias(useBias)
                                    .biasInitializer("glorot_uniform").build(),
                            inShape,
                            "units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                            "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                            "kernel_constraint", "bias_constraint");
                }
            }
        }
    }
}
