package io.kerflux.core.metrics;

/**
 * How often an integer label is among the {@code k} highest predictions.
 *
 * <p>Keras equivalent: {@code keras.metrics.SparseTopKCategoricalAccuracy(k=5,
 * name='sparse_top_k_categorical_accuracy')}; ties follow {@code tf.nn.in_top_k}, see {@link
 * MetricFunctions#sparseTopKCategoricalAccuracy}.
 */
public final class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    /** The metric named "sparse_top_k_categorical_accuracy" with k = 5. */
    public SparseTopKCategoricalAccuracy() {
        this(5);
    }

    /**
     * The metric named "sparse_top_k_categorical_accuracy".
     *
     * @param k how many of the highest predictions count, positive
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public SparseTopKCategoricalAccuracy(int k) {
        this(k, "sparse_top_k_categorical_accuracy");
    }

    /**
     * The metric with a name.
     *
     * @param k how many of the highest predictions count, positive
     * @param name the key in logs
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public SparseTopKCategoricalAccuracy(int k, String name) {
        super(name, (t, p) -> MetricFunctions.sparseTopKCategoricalAccuracy(t, p, k));
        MetricFunctions.requirePositive(k);
        this.k = k;
    }

    /** @return how many of the highest predictions count */
    public int k() {
        return k;
    }
}
