package io.kerflux.core.metrics;

import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric: a per-sample function and the stateful weighted mean that training reports.
 *
 * <p>Keras equivalent: {@code keras.metrics.Metric} ({@code update_state}, {@code result}, {@code
 * reset_states}) together with the metric function it wraps. The state is {@code total} and
 * {@code count}: an update adds {@code Σ w_i·v_i} and {@code Σ w_i}; the result is their ratio.
 */
public interface Metric {

    /**
     * The metric's name (the key in logs when it was given as an object).
     *
     * @return the name
     */
    String name();

    /**
     * The per-sample values.
     *
     * @param yTrue targets
     * @param yPred predictions
     * @return one value per sample
     */
    INDArray call(INDArray yTrue, INDArray yPred);

    /**
     * Adds a batch to the state.
     *
     * @param yTrue targets
     * @param yPred predictions
     * @param sampleWeight null for weight 1, else one weight per sample (or per timestep)
     */
    void update(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight);

    /**
     * The current value, {@code total / count} (0 before the first update).
     *
     * @return the value
     */
    double result();

    /** Clears the state. */
    void reset();

    /**
     * This metric under another name, as compile needs for a name clash ({@code mse}, {@code
     * mse_1}).
     *
     * <p>Keras equivalent: compile setting the metric's {@code _name} to the unique name. The
     * returned metric is a view: it shares this metric's state, so updating either updates both.
     *
     * @param newName the name the view reports
     * @return a metric with the same function and state under {@code newName}
     */
    default Metric withName(String newName) {
        return new RenamedMetric(this, newName);
    }
}
