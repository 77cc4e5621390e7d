package io.kerflux.core.metrics;

/**
 * How often the predicted class (argmax) is the one-hot target's class.
 *
 * <p>Keras equivalent: {@code keras.metrics.CategoricalAccuracy(name='categorical_accuracy')}; see
 * {@link MetricFunctions#categoricalAccuracy}.
 */
public final class CategoricalAccuracy extends MeanMetricWrapper {

    /** The metric named "categorical_accuracy". */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /**
     * The metric with a name.
     *
     * @param name the key in logs
     */
    public CategoricalAccuracy(String name) {
        super(name, MetricFunctions::categoricalAccuracy);
    }
}
