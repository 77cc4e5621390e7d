package io.kerflux.core.optimizers;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates parameters from their gradients.
 *
 * <p>Keras equivalent: {@code keras.optimizers.Optimizer} (Keras 2.3 formulas and defaults). State
 * (moments, accumulators, the iteration count) belongs to the optimizer and is kept per parameter
 * array.
 */
public interface Optimizer {

    /**
     * The Keras class name ("SGD", "Adam", …).
     *
     * @return the class name
     */
    String className();

    /**
     * The Keras config (learning_rate, beta_1, …, clipnorm, clipvalue when set).
     *
     * @return the config, snake_case keys
     */
    Map<String, Object> getConfig();

    /**
     * Applies one update step: clipping, decay, the update rule; parameters change in place.
     *
     * @param params the parameters, in a stable order across calls
     * @param grads their gradients, same order and shapes; not modified
     * @throws IllegalArgumentException if the lists differ in size or shapes
     */
    void applyGradients(List<INDArray> params, List<INDArray> grads);

    /**
     * The base learning rate ({@code lr}).
     *
     * @return the learning rate
     */
    double learningRate();

    /**
     * Sets the base learning rate, as callbacks do; the next step uses it.
     *
     * @param learningRate the new rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if the rate is negative or not finite
     */
    void learningRate(double learningRate);

    /**
     * The number of updates applied so far ({@code iterations}).
     *
     * @return the count
     */
    long iterations();

    /**
     * The optimizer's state for checkpoints ({@code get_weights} in Keras): {@code iterations}
     * first, then the optimizer's own arrays in Keras' order.
     *
     * @return copies of the state arrays
     */
    List<INDArray> getWeights();

    /**
     * Restores state saved by {@link #getWeights()} ({@code set_weights} in Keras).
     *
     * @param weights arrays in the order of {@link #getWeights()}; copied
     * @throws IllegalArgumentException if the number or shapes of the arrays do not fit
     */
    void setWeights(List<INDArray> weights);
}
