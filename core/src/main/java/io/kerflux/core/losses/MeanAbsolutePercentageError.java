package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean absolute percentage error over the last axis: {@code 100·mean(|t − p| / max(|t|, ε))}
 * with {@code ε = 1e-7}.
 *
 * <p>Keras equivalent: {@code keras.losses.MeanAbsolutePercentageError}, the loss object of the
 * function {@code mean_absolute_percentage_error} (aliases {@code mape}, {@code MAPE}).
 */
public final class MeanAbsolutePercentageError extends RowwiseLoss {

    /** The loss named "mean_absolute_percentage_error", reduced with "sum_over_batch_size". */
    public MeanAbsolutePercentageError() {
        this("mean_absolute_percentage_error", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private MeanAbsolutePercentageError(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<MeanAbsolutePercentageError> builder() {
        return new BasicBuilder<>("mean_absolute_percentage_error", MeanAbsolutePercentageError::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        return Transforms.abs(p.sub(t), false).divi(scale(t)).mean(1).muli(100.0);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        return Transforms.sign(p.sub(t), false).divi(scale(t)).muli(100.0 / p.size(1));
    }

    private static INDArray scale(INDArray t) {
        return Transforms.max(Transforms.abs(t, true), LossMath.EPSILON, false);
    }
}
