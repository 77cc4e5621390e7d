package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean of the absolute errors over the last axis: {@code mean(|p − t|)}.
 *
 * <p>Keras equivalent: {@code keras.losses.MeanAbsoluteError}, the loss object of the function
 * {@code mean_absolute_error} (aliases {@code mae}, {@code MAE}). At {@code p = t} the gradient is
 * 0, as TensorFlow's gradient of {@code abs}.
 */
public final class MeanAbsoluteError extends RowwiseLoss {

    /** The loss named "mean_absolute_error", reduced with "sum_over_batch_size". */
    public MeanAbsoluteError() {
        this("mean_absolute_error", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private MeanAbsoluteError(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<MeanAbsoluteError> builder() {
        return new BasicBuilder<>("mean_absolute_error", MeanAbsoluteError::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        return Transforms.abs(p.sub(t), false).mean(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        return Transforms.sign(p.sub(t), false).divi(p.size(1));
    }
}
