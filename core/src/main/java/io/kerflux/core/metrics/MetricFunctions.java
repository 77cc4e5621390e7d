package io.kerflux.core.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The per-sample functions of Keras' accuracy metrics and of the cosine metric.
 *
 * <p>Keras equivalent: the module functions of {@code keras.metrics} ({@code binary_accuracy},
 * {@code categorical_accuracy}, …). Predictions are {@code (n, C)} or, per timestep, {@code (n, T,
 * C)}; the result has one value per sample (per timestep): shape {@code (n,)} or {@code (n, T)}, in
 * the dtype of the predictions. A 1-D target or prediction {@code (n,)} counts as {@code (n, 1)}, and
 * a target that differs from the prediction only by a trailing axis of size 1 is reshaped to it.
 */
public final class MetricFunctions {
    /** The floor under Σx² in L2 normalisation ({@code tf.nn.l2_normalize}'s default epsilon). */
    private static final double L2_FLOOR = 1e-12;

    private MetricFunctions() { }

    /**
     * Exact equality of target and prediction, averaged over the last axis.
     *
     * <p>Keras equivalent: {@code keras.metrics.accuracy} (the {@code Accuracy} class). Keras keeps
     * one value per element and lets the sample weights broadcast over the last axis; averaging the
     * last axis first gives the same weighted mean.
     *
     * @param yTrue targets, the shape of {@code yPred}
     * @param yPred predictions
     * @return the fraction of equal elements per sample
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray accuracy(INDArray yTrue, INDArray yPred) {
        INDArray p = columns(floating(yPred));
        INDArray t = columns(sameShape(yTrue, yPred, "accuracy")).castTo(p.dataType());
        return p.eq(t).castTo(p.dataType()).mean(p.rank() - 1);
    }

    /**
     * The fraction of binary labels predicted right: a prediction counts as 1 iff {@code p >
     * threshold}, so {@code p == threshold} counts as 0.
     *
     * <p>Keras equivalent: {@code keras.metrics.binary_accuracy(y_true, y_pred, threshold=0.5)}. For
     * the default threshold Keras rounds {@code p} (half to even, so 0.5 becomes 0), which equals the
     * strict comparison for predictions in {@code [0, 1]}; outside that range (a linear output of 1.7
     * rounds to 2 and never matches) the comparison is used, as Keras does for other thresholds.
     *
     * @param yTrue targets, 0 or 1 (any other value never matches), the shape of {@code yPred}
     * @param yPred predictions
     * @param threshold the decision threshold (Keras default 0.5)
     * @return the mean over the last axis of {@code (p > threshold) == t}
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray binaryAccuracy(INDArray yTrue, INDArray yPred, double threshold) {
        INDArray p = columns(floating(yPred));
        INDArray t = columns(sameShape(yTrue, yPred, "binary_accuracy")).castTo(p.dataType());
        return p.gt(threshold).castTo(p.dataType()).eq(t).castTo(p.dataType()).mean(p.rank() - 1);
    }

    /**
     * Whether the predicted class (argmax) is the target class (argmax of the one-hot target).
     *
     * <p>Keras equivalent: {@code keras.metrics.categorical_accuracy}. On ties argmax takes the first
     * index, as TensorFlow's {@code argmax} does.
     *
     * @param yTrue one-hot (or any scored) targets, the shape of {@code yPred}
     * @param yPred class scores {@code (n, C)} or {@code (n, T, C)}
     * @return 1 or 0 per sample
     * @throws IllegalArgumentException if the shapes differ or {@code yPred} has rank below 2
     */
    public static INDArray categoricalAccuracy(INDArray yTrue, INDArray yPred) {
        int classes = classes(yPred, "categorical_accuracy");
        double[] t = MetricArrays.doubles(sameShape(yTrue, yPred, "categorical_accuracy"));
        double[] p = MetricArrays.doubles(yPred);
        double[] out = new double[p.length / classes];
        for (int r = 0; r < out.length; r++) {
            out[r] = argmax(t, r * classes, classes) == argmax(p, r * classes, classes) ? 1 : 0;
        }
        return perSample(out, yPred);
    }

    /**
     * Whether the predicted class (argmax, first index on ties) equals the integer label.
     *
     * <p>Keras equivalent: {@code keras.metrics.sparse_categorical_accuracy}. Labels are compared as
     * numbers, so a label of 1.5 matches no class.
     *
     * @param yTrue labels {@code (n,)} or {@code (n, 1)}; per timestep {@code (n, T)} or {@code (n, T, 1)}
     * @param yPred class scores {@code (n, C)} or {@code (n, T, C)}
     * @return 1 or 0 per sample
     * @throws IllegalArgumentException if the label shape does not fit or {@code yPred} has rank below 2
     */
    public static INDArray sparseCategoricalAccuracy(INDArray yTrue, INDArray yPred) {
        int classes = classes(yPred, "sparse_categorical_accuracy");
        double[] labels = MetricArrays.doubles(sparseLabels(yTrue, yPred, "sparse_categorical_accuracy"));
        double[] p = MetricArrays.doubles(yPred);
        double[] out = new double[labels.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = labels[r] == argmax(p, r * classes, classes) ? 1 : 0;
        }
        return perSample(out, yPred);
    }

    /**
     * Whether the target class (argmax of the one-hot target, first index on ties) is among the
     * {@code k} highest predictions.
     *
     * <p>Keras equivalent: {@code keras.metrics.top_k_categorical_accuracy(y_true, y_pred, k=5)},
     * which uses {@code tf.nn.in_top_k}: the target is in the top k iff fewer than k classes have a
     * strictly higher prediction, so classes tied with the target at the k-th place all count as in
     * the top k; with at most k classes it is always 1; a row with a non-finite prediction gives 0.
     * Keras 2.3 accepts only 2-D predictions; here {@code (n, T, C)} works per timestep.
     *
     * @param yTrue one-hot targets, the shape of {@code yPred}
     * @param yPred class scores {@code (n, C)} or {@code (n, T, C)}
     * @param k how many of the highest predictions count, positive
     * @return 1 or 0 per sample
     * @throws IllegalArgumentException if {@code k < 1}, the shapes differ or {@code yPred} has rank below 2
     */
    public static INDArray topKCategoricalAccuracy(INDArray yTrue, INDArray yPred, int k) {
        requirePositive(k);
        int classes = classes(yPred, "top_k_categorical_accuracy");
        double[] t = MetricArrays.doubles(sameShape(yTrue, yPred, "top_k_categorical_accuracy"));
        double[] p = MetricArrays.doubles(yPred);
        double[] out = new double[p.length / classes];
        for (int r = 0; r < out.length; r++) {
            out[r] = inTopK(p, r * classes, classes, argmax(t, r * classes, classes), k) ? 1 : 0;
        }
        return perSample(out, yPred);
    }

    /**
     * Whether the integer label is among the {@code k} highest predictions.
     *
     * <p>Keras equivalent: {@code keras.metrics.sparse_top_k_categorical_accuracy(y_true, y_pred,
     * k=5)}. Ties follow {@code tf.nn.in_top_k} as in {@link #topKCategoricalAccuracy}. Labels are cast
     * to int as Keras does ({@code K.cast(y_true, 'int32')} truncates, so 1.7 means class 1); a label
     * outside {@code [0, C)} gives 0.
     *
     * @param yTrue labels {@code (n,)} or {@code (n, 1)}; per timestep {@code (n, T)} or {@code (n, T, 1)}
     * @param yPred class scores {@code (n, C)} or {@code (n, T, C)}
     * @param k how many of the highest predictions count, positive
     * @return 1 or 0 per sample
     * @throws IllegalArgumentException if {@code k < 1}, the label shape does not fit or {@code yPred}
     *     has rank below 2
     */
    public static INDArray sparseTopKCategoricalAccuracy(INDArray yTrue, INDArray yPred, int k) {
        requirePositive(k);
        int classes = classes(yPred, "sparse_top_k_categorical_accuracy");
        double[] labels = MetricArrays.doubles(sparseLabels(yTrue, yPred, "sparse_top_k_categorical_accuracy"));
        double[] p = MetricArrays.doubles(yPred);
        double[] out = new double[labels.length];
        for (int r = 0; r < out.length; r++) {
            int target = Double.isFinite(labels[r]) ? (int) labels[r] : -1;
            out[r] = inTopK(p, r * classes, classes, target, k) ? 1 : 0;
        }
        return perSample(out, yPred);
    }

    /**
     * The cosine similarity of target and prediction along the last axis: {@code Σ l2norm(t)·l2norm(p)}
     * with {@code l2norm(x) = x / √max(Σx², 1e-12)}.
     *
     * <p>Keras equivalent: the metric {@code keras.metrics.cosine_proximity} (aliases {@code cosine},
     * {@code cosine_similarity}). It is positive; the loss of the same name is its negative.
     *
     * @param yTrue targets, the shape of {@code yPred}
     * @param yPred predictions
     * @return the similarity per sample, in [-1, 1]
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray cosineSimilarity(INDArray yTrue, INDArray yPred) {
        INDArray p = columns(floating(yPred));
        INDArray t = columns(sameShape(yTrue, yPred, "cosine_similarity")).castTo(p.dataType());
        int axis = p.rank() - 1;
        INDArray dot = t.mul(p).sum(axis);
        INDArray tNorm = Transforms.sqrt(Transforms.max(t.mul(t).sum(axis), L2_FLOOR, false), false);
        INDArray pNorm = Transforms.sqrt(Transforms.max(p.mul(p).sum(axis), L2_FLOOR, false), false);
        return dot.divi(tNorm).divi(pNorm);
    }

    /** TensorFlow's in_top_k: fewer than k classes score strictly higher than the target, all finite. */
    private static boolean inTopK(double[] p, int offset, int classes, int target, int k) {
        if (target < 0 || target >= classes) {
            return false;
        }
        double targetScore = p[offset + target];
        int higher = 0;
        for (int c = 0; c < classes; c++) {
            double score = p[offset + c];
            if (!Double.isFinite(score)) {
                return false;
            }
            if (score > targetScore) {
                higher++;
            }
        }
        return higher < k;
    }

    /** First index of the maximum, as TensorFlow's argmax on ties. */
    private static int argmax(double[] a, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (a[offset + i] > a[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    static void requirePositive(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be a positive integer. Received: k=" + k);
        }
    }

    private static int classes(INDArray yPred, String fn) {
        long[] shape = yPred.shape();
        if (shape.length < 2 || shape[shape.length - 1] < 1) {
            throw new IllegalArgumentException(fn + " expects y_pred of shape (n, classes) or (n, timesteps, classes)."
                    + " Received: y_pred shape " + MetricArrays.text(shape));
        }
        return (int) shape[shape.length - 1];
    }

    /** The target in the prediction's shape; a trailing axis of size 1 may be missing or extra. */
    private static INDArray sameShape(INDArray yTrue, INDArray yPred, String fn) {
        long[] t = yTrue.shape();
        long[] p = yPred.shape();
        if (Arrays.equals(t, p)) {
            return yTrue;
        }
        boolean extraOne = t.length == p.length + 1 && t[t.length - 1] == 1 && Arrays.equals(MetricArrays.leading(t), p);
        boolean missingOne = p.length == t.length + 1 && p[p.length - 1] == 1 && Arrays.equals(MetricArrays.leading(p), t);
        if (extraOne || missingOne) {
            return yTrue.reshape('c', p);
        }
        throw new IllegalArgumentException(fn + " expects y_true and y_pred of the same shape. Received: y_true shape "
                + MetricArrays.text(t) + ", y_pred shape " + MetricArrays.text(p));
    }

    /** Integer labels, one per row of the predictions: {@code (n,)} or {@code (n, 1)} for {@code (n, C)}. */
    private static INDArray sparseLabels(INDArray yTrue, INDArray yPred, String fn) {
        long[] expected = MetricArrays.leading(yPred.shape());
        long[] t = yTrue.shape();
        boolean plain = Arrays.equals(t, expected);
        boolean column = t.length == expected.length + 1 && t[t.length - 1] == 1
                && Arrays.equals(MetricArrays.leading(t), expected);
        if (!plain && !column) {
            long[] withOne = Arrays.copyOf(expected, expected.length + 1);
            withOne[expected.length] = 1;
            throw new IllegalArgumentException(fn + " expects integer labels of shape " + MetricArrays.text(expected)
                    + " or " + MetricArrays.text(withOne) + " for y_pred of shape " + MetricArrays.text(yPred.shape())
                    + ". Received: y_true shape " + MetricArrays.text(t));
        }
        return yTrue;
    }

    /** One value per element of a 1-D array: {@code (n,)} is treated as {@code (n, 1)}. */
    private static INDArray columns(INDArray a) {
        return a.rank() == 1 ? a.reshape('c', a.length(), 1) : a;
    }

    private static INDArray floating(INDArray a) {
        return a.dataType().isFPType() ? a : a.castTo(DataType.FLOAT);
    }

    private static INDArray perSample(double[] values, INDArray yPred) {
        DataType type = yPred.dataType().isFPType() ? yPred.dataType() : DataType.FLOAT;
        return Nd4j.create(values, MetricArrays.leading(yPred.shape()), DataType.DOUBLE).castTo(type);
    }
}
