package io.kerflux.core.metrics;

/**
 * How often the one-hot target's class is among the {@code k} highest predictions.
 *
 * <p>Keras equivalent: {@code keras.metrics.TopKCategoricalAccuracy(k=5,
 * name='top_k_categorical_accuracy')}; ties follow {@code tf.nn.in_top_k}, see {@link
 * MetricFunctions#topKCategoricalAccuracy}.
 */
public final class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    /** The metric named "top_k_categorical_accuracy" with k = 5. */
    public TopKCategoricalAccuracy() {
        this(5);
    }

    /**
     * The metric named "top_k_categorical_accuracy".
     *
     * @param k how many of the highest predictions count, positive
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public TopKCategoricalAccuracy(int k) {
        this(k, "top_k_categorical_accuracy");
    }

    /**
     * The metric with a name.
     *
     * @param k how many of the highest predictions count, positive
     * @param name the key in logs
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public TopKCategoricalAccuracy(int k, String name) {
        super(name, (t, p) -> MetricFunctions.topKCategoricalAccuracy(t, p, k));
        MetricFunctions.requirePositive(k);
        this.k = k;
    }

    /** @return how many of the highest predictions count */
    public int k() {
        return k;
    }
}
