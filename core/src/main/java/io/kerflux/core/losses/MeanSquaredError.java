package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mean of the squared errors over the last axis: {@code mean((p − t)²)}.
 *
 * <p>Keras equivalent: {@code keras.losses.MeanSquaredError}, the loss object of the function
 * {@code mean_squared_error} (aliases {@code mse}, {@code MSE}).
 */
public final class MeanSquaredError extends RowwiseLoss {

    /** The loss named "mean_squared_error", reduced with "sum_over_batch_size". */
    public MeanSquaredError() {
        this("mean_squared_error", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private MeanSquaredError(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<MeanSquaredError> builder() {
        return new BasicBuilder<>("mean_squared_error", MeanSquaredError::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray d = p.sub(t);
        return d.muli(d).mean(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        return p.sub(t).muli(2.0 / p.size(1));
    }
}
