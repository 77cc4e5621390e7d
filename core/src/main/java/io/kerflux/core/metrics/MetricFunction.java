package io.kerflux.core.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stateless metric function: one value per sample from targets and predictions.
 *
 * <p>Keras equivalent: a function of {@code keras.metrics} such as {@code binary_accuracy}, or a
 * loss function used as a metric. {@link MeanMetricWrapper} turns one into a stateful mean.
 */
@FunctionalInterface
public interface MetricFunction {

    /**
     * Computes the per-sample values.
     *
     * @param yTrue targets
     * @param yPred predictions, shape {@code (n, …)}
     * @return one value per sample, shape {@code (n,)}, or {@code (n, T)} for 3-D predictions
     */
    INDArray call(INDArray yTrue, INDArray yPred);
}
