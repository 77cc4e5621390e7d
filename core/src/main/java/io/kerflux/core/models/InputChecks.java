package io.kerflux.core.models;

import io.kerflux.core.losses.Loss;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' input standardisation (KERAS_SEMANTICS.md §3, §4): shapes, sample counts, sample and
 * class weights, each failure with Keras' message. Shared by the batch-level API of {@link
 * Sequential} and the training pipelines.
 */
public final class InputChecks {
    private InputChecks() { }

    /**
     * A 1-D array becomes {@code (n, 1)}; the type becomes the model's.
     *
     * @param a the array
     * @param dtype the model's data type
     * @return the standardised array (the same one when nothing changes)
     */
    public static INDArray standardize(INDArray a, DataType dtype) {
        INDArray r = a.rank() == 1 ? a.reshape(a.length(), 1) : a;
        return r.dataType() == dtype ? r : r.castTo(dtype);
    }

    /**
     * A shape as Keras prints it, a Python tuple: {@code (3,)}, {@code (3, 4)}.
     *
     * @param shape the shape
     * @return the text
     */
    public static String tuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * Checks rank and non-batch dimensions ("Error when checking input: …").
     *
     * @param kind "input" or "target"
     * @param name the model input or output name
     * @param a the array, batch dimension first
     * @param expected the per-sample shape
     * @throws IllegalArgumentException with Keras' message when they differ
     */
    public static void checkShape(String kind, String name, INDArray a, long[] expected) {
        long[] shape = a.shape();
        if (shape.length != expected.length + 1) {
            throw new IllegalArgumentException("Error when checking " + kind + ": expected " + name + " to have "
                    + (expected.length + 1) + " dimensions, but got array with shape " + tuple(shape));
        }
        for (int i = 0; i < expected.length; i++) {
            if (shape[i + 1] != expected[i]) {
                long[] perSample = new long[expected.length];
                System.arraycopy(shape, 1, perSample, 0, expected.length);
                throw new IllegalArgumentException("Error when checking " + kind + ": expected " + name
                        + " to have shape " + tuple(expected) + " but got array with shape " + tuple(perSample));
            }
        }
    }

    /**
     * Checks that inputs and targets have the same number of samples.
     *
     * @param x inputs
     * @param y targets
     * @throws IllegalArgumentException with Keras' message when they differ
     */
    public static void checkSampleCounts(INDArray x, INDArray y) {
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("Input arrays should have the same number of samples as target arrays. "
                    + "Found " + x.size(0) + " input samples and " + y.size(0) + " target samples.");
        }
    }

    /**
     * Target checks for built-in losses (§3.2, §3.3); custom losses are not checked, as in Keras.
     *
     * @param y targets
     * @param outputShape the model's per-sample output shape
     * @param outputName the output layer's name
     * @param loss the compiled loss
     * @throws IllegalArgumentException with Keras' message
     */
    public static void checkTarget(INDArray y, long[] outputShape, String outputName, Loss loss) {
        String lossName = loss.name();
        if (lossName.equals("categorical_crossentropy") && y.size(y.rank() - 1) == 1
                && outputShape[outputShape.length - 1] != 1) {
            throw new IllegalArgumentException("You are passing a target array of shape " + tuple(y.shape())
                    + " while using as loss `categorical_crossentropy`. `categorical_crossentropy` expects targets "
                    + "to be binary matrices (1s and 0s) of shape (samples, classes). If your targets are integer "
                    + "classes, you can convert them to the expected format via:\n```\n"
                    + "INDArray yBinary = Utils.toCategorical(yInt);\n```\n"
                    + "Alternatively, you can use the loss function `sparse_categorical_crossentropy` instead, "
                    + "which does expect integer targets.");
        }
        long[] expected = outputShape.clone();
        if (lossName.equals("sparse_categorical_crossentropy")) {
            expected[expected.length - 1] = 1;
        }
        checkShape("target", outputName, y, expected);
    }

    /**
     * The weight of each sample (or timestep) for a training batch: sample_weight × class_weight
     * (§4), or null when neither is given.
     *
     * @param y targets
     * @param sampleWeight null, {@code (n,)} or {@code (n, T)}
     * @param classWeight null or class to weight
     * @param temporal whether sample_weight_mode is "temporal"
     * @param dtype the model's data type
     * @return the effective weights, or null
     * @throws IllegalArgumentException with Keras' messages for weights that do not fit
     */
    public static @Nullable INDArray weights(INDArray y, @Nullable INDArray sampleWeight,
            @Nullable Map<Integer, Double> classWeight, boolean temporal, DataType dtype) {
        INDArray sw = sampleWeight == null ? null : sampleWeight.castTo(dtype);
        if (sw != null) {
            checkSampleWeight(y, sw, temporal);
        } else if (temporal && y.rank() < 3) {
            throw temporalRank(y);
        }
        if (classWeight == null || classWeight.isEmpty()) {
            return sw;
        }
        if (y.rank() > 2) {
            throw new IllegalArgumentException("`class_weight` not supported for 3+ dimensional targets.");
        }
        long n = y.size(0);
        long classes = y.size(1);
        int[] labels = new int[(int) n];
        if (classes > 1) {
            INDArray argmax = Nd4j.argMax(y, 1);
            for (int i = 0; i < n; i++) {
                labels[i] = argmax.getInt(i);
            }
        } else {
            for (int i = 0; i < n; i++) {
                labels[i] = (int) Math.round(y.getDouble(i, 0));
            }
        }
        TreeSet<Integer> missing = new TreeSet<>();
        double[] cw = new double[(int) n];
        for (int i = 0; i < n; i++) {
            Double w = classWeight.get(labels[i]);
            if (w == null) {
                missing.add(labels[i]);
            } else {
                cw[i] = w;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("`class_weight` must contain all classes in the data. The classes "
                    + missing.toString().replace('[', '{').replace(']', '}')
                    + " exist in the data but not in `class_weight`.");
        }
        INDArray cwArray = Nd4j.create(cw).castTo(dtype);
        return sw == null ? cwArray : sw.mul(cwArray);
    }

    private static void checkSampleWeight(INDArray y, INDArray sw, boolean temporal) {
        Objects.requireNonNull(y, "y");
        if (!temporal && sw.rank() != 1) {
            throw new IllegalArgumentException("Found a sample_weight array with shape " + tuple(sw.shape())
                    + ". In order to use timestep-wise sample weighting, you should pass a 2D sample_weight array "
                    + "and specify `sample_weight_mode=\"temporal\"` in compile(). If you just mean to use "
                    + "sample-wise weights, make sure your sample_weight array is 1D.");
        }
        if (temporal) {
            if (sw.rank() != 2) {
                throw new IllegalArgumentException("Found a sample_weight array with shape " + tuple(sw.shape())
                        + ". In order to use timestep-wise sample weighting, you should pass a 2D sample_weight array.");
            }
            if (y.rank() < 3) {
                throw temporalRank(y);
            }
        }
        for (int i = 0; i < sw.rank(); i++) {
            if (sw.size(i) != y.size(i)) {
                throw new IllegalArgumentException("Found a sample_weight array with shape " + tuple(sw.shape())
                        + " for an input with shape " + tuple(y.shape()) + ". sample_weight cannot be broadcast.");
            }
        }
    }

    private static IllegalArgumentException temporalRank(INDArray y) {
        return new IllegalArgumentException("Found a sample_weight array for an input with shape " + tuple(y.shape())
                + ". Timestep-wise sample weighting (use of sample_weight_mode=\"temporal\") is restricted to "
                + "outputs that are at least 3D, i.e. that have a time dimension.");
    }
}
