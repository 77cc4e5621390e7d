package io.kerflux.core.metrics;

/**
 * How often the predicted class (argmax) equals an integer label.
 *
 * <p>Keras equivalent: {@code
 * keras.metrics.SparseCategoricalAccuracy(name='sparse_categorical_accuracy')}; labels have shape
 * {@code (n,)} or {@code (n, 1)}, see {@link MetricFunctions#sparseCategoricalAccuracy}.
 */
public final class SparseCategoricalAccuracy extends MeanMetricWrapper {

    /** The metric named "sparse_categorical_accuracy". */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /**
     * The metric with a name.
     *
     * @param name the key in logs
     */
    public SparseCategoricalAccuracy(String name) {
        super(name, MetricFunctions::sparseCategoricalAccuracy);
    }
}
