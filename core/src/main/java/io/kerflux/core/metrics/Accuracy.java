package io.kerflux.core.metrics;

/**
 * How often predictions equal the targets exactly.
 *
 * <p>Keras equivalent: {@code keras.metrics.Accuracy(name='accuracy')}; for example targets {@code
 * [1, 2, 3, 4]} and predictions {@code [0, 2, 3, 4]} give 0.75. This is what {@code
 * Metrics.get("accuracy")} returns; compile resolves the string {@code "accuracy"} by loss and
 * output shape instead ({@link Metrics#resolve}).
 */
public final class Accuracy extends MeanMetricWrapper {

    /** The metric named "accuracy". */
    public Accuracy() {
        this("accuracy");
    }

    /**
     * The metric with a name.
     *
     * @param name the key in logs
     */
    public Accuracy(String name) {
        super(name, MetricFunctions::accuracy);
    }
}
