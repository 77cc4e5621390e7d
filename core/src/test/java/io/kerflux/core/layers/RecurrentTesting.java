package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerflux.core.testing.GradientCheck;
import io.kerflux.core.testing.KerasJsVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks shared by the recurrent layer tests: the keras-js vectors, finite-difference gradients
 * with an input mask, and finite-difference gradients of a stateful layer within one batch.
 */
final class RecurrentTesting {
    /** The config keys every recurrent layer adds, before its cell's keys. */
    static final String[] RNN_KEYS = {"return_sequences", "return_state", "go_backwards", "stateful", "unroll"};

    private RecurrentTesting() { }

    static BuildContext doubles(long seed) {
        return new BuildContext(DataType.DOUBLE, new Random(seed));
    }

    /** Concatenates key lists. */
    static String[] keys(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(new String[0]);
    }

    /**
     * Reproduces one keras-js case: a layer gets the case's weights and predicts its input; a
     * stateful case predicts twice and compares the second output, as the notebook did. It runs
     * once without a mask and once with a mask of ones, which keeps every timestep but takes the
     * timestep loop instead of a native sequence op.
     */
    static void checkKerasJs(String file, String name, Supplier<Layer> factory, boolean stateful) {
        KerasJsVectors.Case c = KerasJsVectors.load(file, name);
        long[] shape = {c.input().size(1), c.input().size(2)};
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 1, shape[0]);
        for (INDArray mask : new INDArray[] {null, ones}) {
            Layer layer = factory.get();
            layer.build(shape, doubles(1));
            layer.setWeights(c.weights());
            INDArray out = layer.call(c.input(), mask, false);
            if (stateful) {
                out = layer.call(c.input(), mask, false);
            }
            assertClose(name + (mask == null ? "" : " (mask of ones)") + " output", out, c.expected());
        }
    }

    /**
     * Loads one of the Keras 3 model vectors under {@code keras3-rnn/} (see its README): input,
     * weights and expected output, the input and output with their batch axis.
     */
    static KerasJsVectors.Case loadKeras3(String name) {
        try (InputStream in = RecurrentTesting.class.getResourceAsStream("/keras3-rnn/" + name + ".json")) {
            JsonNode node = new ObjectMapper().readTree(in).get(name);
            List<INDArray> weights = new ArrayList<>();
            for (JsonNode w : node.get("weights")) {
                weights.add(array(w));
            }
            return new KerasJsVectors.Case(array(node.get("input")), weights, array(node.get("expected")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static INDArray array(JsonNode n) {
        double[] values = new double[n.get("data").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = n.get("data").get(i).asDouble();
        }
        long[] shape = new long[n.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = n.get("shape").get(i).asLong();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }

    /** Asserts equal shapes and values within 1e-5 (the vectors hold float32 results). */
    static void assertClose(String what, INDArray actual, INDArray expected) {
        assertThat(actual.shape()).as("%s shape", what).isEqualTo(expected.shape());
        double[] a = LayerContract.values(actual);
        double[] e = LayerContract.values(expected);
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("%s[%d]", what, i).isCloseTo(e[i], within(1e-5));
        }
    }

    /** Values of random sign and magnitude in [0.1, 1], like LayerContract's inputs. */
    static INDArray random(long seed, long... shape) {
        Random r = new Random(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        INDArray flat = a.reshape(a.length());
        for (long i = 0; i < a.length(); i++) {
            double m = 0.1 + 0.9 * r.nextDouble();
            flat.putScalar(i, r.nextBoolean() ? m : -m);
        }
        return a;
    }

    /**
     * Finite-difference check of the input and weight gradients of {@code layer} called with a
     * mask (and, for a stateful layer, from the given initial states, restored before each call).
     *
     * @param layer a built double-precision layer
     * @param x the input
     * @param mask the mask, or null
     * @param training the mode
     * @param initialStates restored with {@code resetStates(states)} before every call, or null
     */
    static void checkGradients(Layer layer, INDArray x, @Nullable INDArray mask, boolean training,
            @Nullable List<INDArray> initialStates) {
        Supplier<INDArray> run = () -> {
            layer.reseed(LayerContract.MASK_SEED);
            if (initialStates != null) {
                ((Recurrent) layer).resetStates(initialStates);
            }
            return layer.call(x, mask, training);
        };
        INDArray out = run.get();
        INDArray r = random(7, out.shape());
        Supplier<Double> probe = () -> run.get().mul(r).sumNumber().doubleValue();
        INDArray gx = layer.backprop(r, true);
        GradientCheck.check(layer.name() + " input", x, gx.dup(), probe, GradientCheck.MIN_ABS_ERROR_LAYERS);
        for (Weight w : layer.weights()) {
            run.get();
            layer.backprop(r, false);
            GradientCheck.check(layer.name() + " " + w.name(), w.value(), w.gradient().dup(), probe,
                    GradientCheck.MIN_ABS_ERROR_LAYERS);
        }
    }

    /** A (batch, timesteps) mask with the given rows of 0/1. */
    static INDArray mask(double[][] rows) {
        return Nd4j.create(rows).castTo(DataType.DOUBLE);
    }
}
