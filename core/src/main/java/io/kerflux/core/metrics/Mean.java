package io.kerflux.core.metrics;

/**
 * The stateful weighted mean of the values given: {@code total / count}.
 *
 * <p>Keras equivalent: {@code keras.metrics.Mean(name='mean')}. For example values {@code [1, 3,
 * 5, 7]} give 4, and with weights {@code [1, 1, 0, 0]} give 2. It takes values directly; to average
 * a function of {@code (yTrue, yPred)} use {@link MeanMetricWrapper}.
 */
public final class Mean extends Reduce {

    /** A mean named "mean". */
    public Mean() {
        this("mean");
    }

    /**
     * A mean with a name.
     *
     * @param name the key in logs
     */
    public Mean(String name) {
        super(name);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code total / count}, or 0 before anything was added (or when all weights were 0)
     */
    @Override
    public double result() {
        return count() == 0 ? 0 : total() / count();
    }
}
