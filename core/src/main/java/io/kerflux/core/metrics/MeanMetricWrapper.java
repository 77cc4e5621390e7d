package io.kerflux.core.metrics;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that keeps the weighted mean of a per-sample function over every update since the last
 * reset.
 *
 * <p>Keras equivalent: {@code keras.metrics.MeanMetricWrapper(fn, name)}, the base of {@code
 * BinaryAccuracy}, {@code MeanSquaredError} and the other function metrics. An update adds {@code
 * Σ w_i·v_i} to {@code total} and {@code Σ w_i} to {@code count} (unweighted: the number of
 * values), where {@code v = fn(yTrue, yPred)}; per-timestep values {@code (n, T)} take weights
 * {@code (n, T)}, or {@code (n,)} broadcast over T (each weight then counts T times). The state is
 * kept in Java doubles. Not thread-safe.
 *
 * <p>To write a custom metric, pass a name and a {@link MetricFunction}, or extend this class.
 */
public class MeanMetricWrapper implements Metric {
    private final String name;
    private final MetricFunction fn;
    private final Mean mean;

    /**
     * Wraps a metric function.
     *
     * @param name the key in logs
     * @param fn the per-sample function
     */
    public MeanMetricWrapper(String name, MetricFunction fn) {
        this.name = Objects.requireNonNull(name, "name");
        this.fn = Objects.requireNonNull(fn, "fn");
        this.mean = new Mean(name);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final INDArray call(INDArray yTrue, INDArray yPred) {
        return fn.call(yTrue, yPred);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the shapes do not fit the function, or the weights cannot
     *     be broadcast to the per-sample values
     */
    @Override
    public final void update(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
        mean.update(fn.call(yTrue, yPred), sampleWeight);
    }

    @Override
    public final double result() {
        return mean.result();
    }

    @Override
    public final void reset() {
        mean.reset();
    }

    /**
     * The accumulated {@code Σ w·v}.
     *
     * @return the total
     */
    public final double total() {
        return mean.total();
    }

    /**
     * The accumulated {@code Σ w} (number of values when unweighted).
     *
     * @return the count
     */
    public final double count() {
        return mean.count();
    }
}
