package io.kerflux.core.metrics;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A view of a metric under another name; it shares the delegate's state. */
record RenamedMetric(Metric delegate, String name) implements Metric {

    RenamedMetric {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        return delegate.call(yTrue, yPred);
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
        delegate.update(yTrue, yPred, sampleWeight);
    }

    @Override
    public double result() {
        return delegate.result();
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public Metric withName(String newName) {
        // Re-wrapping the delegate keeps a chain of renames one level deep.
        return new RenamedMetric(delegate, newName);
    }
}
