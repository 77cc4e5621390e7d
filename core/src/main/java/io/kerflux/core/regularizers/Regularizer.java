package io.kerflux.core.regularizers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A penalty on a weight (or on a layer's output, as activity regularizer) added to the loss.
 *
 * <p>Keras equivalent: {@code keras.regularizers.Regularizer}.
 */
public interface Regularizer {

    /**
     * The Keras class name ("L1L2").
     *
     * @return the class name
     */
    String className();

    /**
     * The Keras config ({@code {"l1": 0.0, "l2": 0.01}}).
     *
     * @return the config
     */
    Map<String, Object> getConfig();

    /**
     * The penalty.
     *
     * @param w the regularized array
     * @return the value added to the loss
     */
    double loss(INDArray w);

    /**
     * Adds the gradient of {@link #loss} with respect to {@code w} to {@code grad}, in place.
     *
     * @param w the regularized array
     * @param grad the gradient to add to, same shape as {@code w}
     */
    void addGradient(INDArray w, INDArray grad);
}
