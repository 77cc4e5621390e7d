package io.kerflux.core.losses;

import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss function: per-sample values, their reduction to one number and its gradient.
 *
 * <p>Keras equivalent: a {@code keras.losses.Loss} object (or a loss function wrapped in one). A
 * loss given by name is reduced with {@code SUM_OVER_BATCH_SIZE}: {@code Σ w_i·l_i / count(l)}
 * (divided by the number of per-sample values, not by the sum of the weights).
 */
public interface Loss {

    /**
     * The Keras name ("mean_squared_error", "categorical_crossentropy", …).
     *
     * @return the name
     */
    String name();

    /**
     * The per-sample loss ({@code loss_fn(y_true, y_pred)} in Keras).
     *
     * @param yTrue targets, shape {@code (n, …)}
     * @param yPred predictions, same shape as {@code yTrue} (sparse losses take {@code (n,)} or
     *     {@code (n, 1)} integer labels)
     * @return one value per sample: shape {@code (n,)}, or {@code (n, T)} for 3-D predictions
     */
    INDArray call(INDArray yTrue, INDArray yPred);

    /**
     * The reduced loss of a batch.
     *
     * @param yTrue targets
     * @param yPred predictions
     * @param sampleWeight null (all 1), a scalar, one weight per sample {@code (n,)} or {@code (n,
     *     1)}, or one per timestep {@code (n, T)}
     * @return the loss with this loss's reduction
     * @throws IllegalStateException if the reduction is "none", which has no scalar (see {@link
     *     LossFunction#computeUnreduced})
     */
    double compute(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight);

    /**
     * The gradient of {@link #compute} with respect to {@code yPred}.
     *
     * @param yTrue targets
     * @param yPred predictions
     * @param sampleWeight as for {@link #compute}
     * @return d compute / d yPred, a new array shaped like {@code yPred}
     * @throws IllegalStateException if the reduction is "none"
     */
    INDArray gradient(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight);
}
