package io.kerflux.core.metrics;

/**
 * How often a thresholded prediction matches a binary label; a prediction counts as 1 iff it is
 * strictly above the threshold.
 *
 * <p>Keras equivalent: {@code keras.metrics.BinaryAccuracy(name='binary_accuracy',
 * threshold=0.5)}; see {@link MetricFunctions#binaryAccuracy} for the per-sample value.
 */
public final class BinaryAccuracy extends MeanMetricWrapper {
    private final double threshold;

    /** The metric named "binary_accuracy" with threshold 0.5. */
    public BinaryAccuracy() {
        this(0.5);
    }

    /**
     * The metric named "binary_accuracy" with a threshold.
     *
     * @param threshold predictions above it count as 1
     */
    public BinaryAccuracy(double threshold) {
        this(threshold, "binary_accuracy");
    }

    /**
     * The metric with a threshold and a name.
     *
     * @param threshold predictions above it count as 1
     * @param name the key in logs
     */
    public BinaryAccuracy(double threshold, String name) {
        super(name, (t, p) -> MetricFunctions.binaryAccuracy(t, p, threshold));
        this.threshold = threshold;
    }

    /** @return the decision threshold */
    public double threshold() {
        return threshold;
    }
}
