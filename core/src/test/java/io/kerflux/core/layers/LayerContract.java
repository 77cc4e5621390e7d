package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerflux.core.testing.GradientCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checks every layer must pass, in the spirit of Keras' {@code run_layer_test}: output shape
 * against {@link Layer#computeOutputShape}, weight counts against {@link Layer#countParams}, the
 * config keys, reproducibility from a seed, finite-difference gradients for the input and every
 * weight in training and inference mode, and one gradient step lowering a loss.
 *
 * <p>The scalar under test is the probe {@code Σ output · r} for a fixed random {@code r}, whose
 * gradient with respect to the output is {@code r}. Inputs have magnitudes in [0.1, 1], away from
 * the kink of ReLU-like functions at 0. A {@link Dropout} is reseeded before every forward pass so
 * each evaluation sees the same mask. {@link #checkIndexInput} runs the same checks on layers whose
 * input holds integer indices.
 */
final class LayerContract {
    static final long SEED = 1234;
    static final long MASK_SEED = 99;
    static final int BATCH = 3;
    /** The {@code indexBound} of real-valued inputs. */
    private static final int REAL_INPUT = 0;

    private LayerContract() { }

    /**
     * Runs all checks on layers from {@code factory}.
     *
     * @param factory makes a fresh, unbuilt layer; called several times
     * @param inputShape the per-sample input shape
     * @param layerConfigKeys the keys the layer adds to the base config, in order (ignored for an
     *     {@link InputLayer}, whose config Keras defines in full)
     */
    static void check(Supplier<Layer> factory, long[] inputShape, String... layerConfigKeys) {
        run(factory, inputShape, REAL_INPUT, layerConfigKeys);
    }

    /**
     * Runs all checks on a layer whose input holds integer indices (Embedding): inputs are drawn
     * from {0, …, indexBound − 1}. Such an input has no gradient, so instead of the finite-difference
     * check the input gradient must be all zeros; the weights are checked as usual.
     *
     * @param factory makes a fresh, unbuilt layer; called several times
     * @param inputShape the per-sample input shape
     * @param indexBound the number of valid indices, positive
     * @param layerConfigKeys the keys the layer adds to the base config, in order
     */
    static void checkIndexInput(Supplier<Layer> factory, long[] inputShape, int indexBound, String... layerConfigKeys) {
        run(factory, inputShape, indexBound, layerConfigKeys);
    }

    /** Runs the checks; {@code indexBound} is {@link #REAL_INPUT} for real-valued inputs. */
    private static void run(Supplier<Layer> factory, long[] inputShape, int indexBound, String... layerConfigKeys) {
        Layer layer = build(factory, inputShape, DataType.DOUBLE);
        checkConfig(layer, layerConfigKeys);
        checkWeights(layer);

        INDArray x = input(withBatch(inputShape), DataType.DOUBLE, new Random(SEED + 1), indexBound);
        INDArray xCopy = x.dup();
        long[] expectedOutShape = withBatch(layer.computeOutputShape(inputShape));
        for (boolean training : new boolean[] {true, false}) {
            INDArray out = forward(layer, x, training);
            assertThat(out.shape()).as("%s output shape", layer.name()).isEqualTo(expectedOutShape);
            assertThat(out.dataType()).as("%s output dtype", layer.name()).isEqualTo(DataType.DOUBLE);
            assertThat(values(x)).as("%s must not modify its input", layer.name()).isEqualTo(values(xCopy));
            INDArray r = input(out.shape(), DataType.DOUBLE, new Random(SEED + 2));
            checkGradients(layer, x, r, training, indexBound != REAL_INPUT);
        }
        checkReproducible(factory, inputShape, x);
        checkFloat32(factory, inputShape, indexBound);
        checkStepLowersProbe(layer, x);
    }

    private static Layer build(Supplier<Layer> factory, long[] inputShape, DataType dtype) {
        Layer layer = factory.get();
        layer.build(inputShape, new BuildContext(dtype, new Random(SEED)));
        return layer;
    }

    private static void checkConfig(Layer layer, String... layerConfigKeys) {
        Map<String, Object> config = layer.getConfig();
        List<String> expected = new ArrayList<>();
        if (layer instanceof InputLayer) {
            expected.addAll(List.of("batch_input_shape", "dtype", "sparse", "name"));
        } else {
            expected.addAll(List.of("name", "trainable"));
            if (layer.declaredInputShape() != null) {
                expected.add("batch_input_shape");
            }
            expected.add("dtype");
            expected.addAll(List.of(layerConfigKeys));
        }
        assertThat(config.keySet()).as("%s config keys", layer.name()).containsExactlyElementsOf(expected);
        assertThat(config).containsEntry("name", layer.name()).containsEntry("dtype", "float64");
        if (!(layer instanceof InputLayer)) {
            assertThat(config).containsEntry("trainable", layer.trainable());
        }
    }

    private static void checkWeights(Layer layer) {
        long total = 0;
        for (Weight w : layer.weights()) {
            assertThat(w.gradient().shape()).as("%s gradient buffer shape", w.name()).isEqualTo(w.shape());
            assertThat(w.value().dataType()).isEqualTo(DataType.DOUBLE);
            total += w.value().length();
        }
        assertThat(layer.countParams()).as("%s countParams", layer.name()).isEqualTo(total);
        List<INDArray> values = layer.getWeights();
        assertThat(values).hasSameSizeAs(layer.weights());
        for (int i = 0; i < values.size(); i++) {
            assertThat(values.get(i).shape()).isEqualTo(layer.weights().get(i).shape());
        }
    }

    private static void checkGradients(Layer layer, INDArray x, INDArray r, boolean training, boolean indexInput) {
        String mode = layer.name() + (training ? " (training)" : " (inference)");
        INDArray rCopy = r.dup();
        forward(layer, x, training);
        INDArray gx = layer.backprop(r, true);
        assertThat(gx).as("%s input gradient", mode).isNotNull();
        assertThat(gx.shape()).as("%s input gradient shape", mode).isEqualTo(x.shape());
        assertThat(values(r)).as("%s must not modify gradOutput", mode).isEqualTo(values(rCopy));
        if (indexInput) {
            assertThat(values(gx)).as("%s input gradient of indices", mode).containsOnly(0.0);
        } else {
            GradientCheck.check(mode + " input", x, gx.dup(), () -> probe(forward(layer, x, training), r),
                    GradientCheck.MIN_ABS_ERROR_LAYERS);
        }
        for (Weight w : layer.weights()) {
            forward(layer, x, training);
            assertThat(layer.backprop(r, false)).as("%s backward without input gradient", mode).isNull();
            INDArray analytic = w.gradient().dup();
            forward(layer, x, training);
            layer.backprop(r, false);
            assertThat(values(w.gradient())).as("%s %s gradient is overwritten, not accumulated", mode, w.name())
                    .isEqualTo(values(analytic));
            GradientCheck.check(mode + " " + w.name(), w.value(), analytic, () -> probe(forward(layer, x, training), r),
                    GradientCheck.MIN_ABS_ERROR_LAYERS);
        }
    }

    /** Two layers built from the same seed have the same weights and draw the same first outputs. */
    private static void checkReproducible(Supplier<Layer> factory, long[] inputShape, INDArray x) {
        Layer a = build(factory, inputShape, DataType.DOUBLE);
        Layer b = build(factory, inputShape, DataType.DOUBLE);
        for (int i = 0; i < a.weights().size(); i++) {
            assertThat(values(b.weights().get(i).value())).as("%s weights from the same seed", a.name())
                    .isEqualTo(values(a.weights().get(i).value()));
        }
        assertThat(values(b.call(x, true))).as("%s training output from the same seed", a.name())
                .isEqualTo(values(a.call(x, true)));
    }

    private static void checkFloat32(Supplier<Layer> factory, long[] inputShape, int indexBound) {
        Layer layer = build(factory, inputShape, DataType.FLOAT);
        INDArray x = input(withBatch(inputShape), DataType.FLOAT, new Random(SEED + 1), indexBound);
        INDArray out = forward(layer, x, true);
        assertThat(out.dataType()).as("%s float32 output", layer.name()).isEqualTo(DataType.FLOAT);
        INDArray gx = layer.backprop(Nd4j.onesLike(out), true);
        assertThat(gx.dataType()).as("%s float32 input gradient", layer.name()).isEqualTo(DataType.FLOAT);
        for (Weight w : layer.weights()) {
            assertThat(w.gradient().dataType()).isEqualTo(DataType.FLOAT);
        }
    }

    /** One plain gradient-descent step on the probe must lower it, as a training step lowers a loss. */
    private static void checkStepLowersProbe(Layer layer, INDArray x) {
        if (layer.trainableWeights().isEmpty()) {
            return;
        }
        INDArray out = forward(layer, x, true);
        INDArray r = input(out.shape(), DataType.DOUBLE, new Random(SEED + 3));
        double before = probe(out, r);
        layer.backprop(r, false);
        for (Weight w : layer.trainableWeights()) {
            w.value().subi(w.gradient().mul(1e-3));
        }
        assertThat(probe(forward(layer, x, true), r)).as("%s probe after one step", layer.name()).isLessThan(before);
    }

    private static INDArray forward(Layer layer, INDArray x, boolean training) {
        layer.reseed(MASK_SEED);
        return layer.call(x, training);
    }

    private static double probe(INDArray out, INDArray r) {
        return out.mul(r).sumNumber().doubleValue();
    }

    private static long[] withBatch(long[] perSample) {
        long[] shape = new long[perSample.length + 1];
        shape[0] = BATCH;
        System.arraycopy(perSample, 0, shape, 1, perSample.length);
        return shape;
    }

    /**
     * The values of an array in row-major order, for exact comparisons (INDArray.equals allows an
     * error of 1e-5).
     *
     * @param a any array
     * @return its values as doubles
     */
    static double[] values(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    /** Random indices in [0, indexBound) when indexBound is positive, else values as {@link #input(long[], DataType, Random)}. */
    private static INDArray input(long[] shape, DataType dtype, Random random, int indexBound) {
        if (indexBound == REAL_INPUT) {
            return input(shape, dtype, random);
        }
        double[] values = new double[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(indexBound);
        }
        return Nd4j.create(values, shape, dtype);
    }

    /** Values of random sign and magnitude in [0.1, 1]. */
    private static INDArray input(long[] shape, DataType dtype, Random random) {
        double[] values = new double[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            double magnitude = 0.1 + 0.9 * random.nextDouble();
            values[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return Nd4j.create(values, shape, dtype);
    }
}
