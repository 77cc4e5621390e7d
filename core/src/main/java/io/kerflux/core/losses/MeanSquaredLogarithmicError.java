package io.kerflux.core.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean squared logarithmic error over the last axis: {@code mean((log(max(p, ε) + 1) −
 * log(max(t, ε) + 1))²)} with {@code ε = 1e-7}.
 *
 * <p>Keras equivalent: {@code keras.losses.MeanSquaredLogarithmicError}, the loss object of the
 * function {@code mean_squared_logarithmic_error} (aliases {@code msle}, {@code MSLE}). Predictions
 * below ε are clipped and get a zero gradient.
 */
public final class MeanSquaredLogarithmicError extends RowwiseLoss {

    /** The loss named "mean_squared_logarithmic_error", reduced with "sum_over_batch_size". */
    public MeanSquaredLogarithmicError() {
        this("mean_squared_logarithmic_error", Reduction.SUM_OVER_BATCH_SIZE);
    }

    private MeanSquaredLogarithmicError(String name, Reduction reduction) {
        super(name, reduction);
    }

    /**
     * Starts a builder for {@code reduction} and {@code name}.
     *
     * @return the builder
     */
    public static BasicBuilder<MeanSquaredLogarithmicError> builder() {
        return new BasicBuilder<>("mean_squared_logarithmic_error", MeanSquaredLogarithmicError::new);
    }

    @Override
    INDArray rowValues(INDArray t, INDArray p) {
        INDArray d = logDifference(t, p);
        return d.muli(d).mean(1);
    }

    @Override
    INDArray rowGradients(INDArray t, INDArray p) {
        INDArray clippedPlusOne = Transforms.max(p, LossMath.EPSILON, true).addi(1.0);
        INDArray unclipped = p.gte(LossMath.EPSILON).castTo(p.dataType());
        return logDifference(t, p).muli(2.0 / p.size(1)).divi(clippedPlusOne).muli(unclipped);
    }

    private static INDArray logDifference(INDArray t, INDArray p) {
        INDArray first = Transforms.log(Transforms.max(p, LossMath.EPSILON, true).addi(1.0), false);
        return first.subi(Transforms.log(Transforms.max(t, LossMath.EPSILON, true).addi(1.0), false));
    }
}
