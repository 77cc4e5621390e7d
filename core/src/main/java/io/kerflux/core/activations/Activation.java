package io.kerflux.core.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise (or, for softmax, last-axis) activation function and its derivative.
 *
 * <p>Keras equivalent: the functions of {@code keras.activations}. Implementations are stateless
 * and thread-safe; they never modify their arguments.
 */
public interface Activation {

    /**
     * The Keras identifier, as {@code get_config} writes it ("relu", "softmax", …).
     *
     * @return the name
     */
    String name();

    /**
     * Applies the function.
     *
     * @param x input of any shape (softmax works on the last axis)
     * @return a new array of the same shape
     */
    INDArray apply(INDArray x);

    /**
     * The gradient with respect to the input, given the gradient with respect to the output.
     *
     * @param x the input that {@link #apply} received
     * @param y the output that {@link #apply} returned for {@code x}
     * @param gradOutput dL/dy, same shape as {@code y}
     * @return dL/dx, a new array of the same shape as {@code x}
     */
    INDArray backward(INDArray x, INDArray y, INDArray gradOutput);

    /**
     * {@link #backward} written into a given array, for layers that reuse one buffer across steps
     * instead of allocating the gradient anew; the default computes {@link #backward} and copies it.
     *
     * @param x the input that {@link #apply} received
     * @param y the output that {@link #apply} returned for {@code x}
     * @param gradOutput dL/dy, same shape as {@code y}
     * @param out receives dL/dx: same shape as {@code x}, distinct from {@code x} and {@code y}
     * @return {@code out}
     */
    default INDArray backward(INDArray x, INDArray y, INDArray gradOutput, INDArray out) {
        return out.assign(backward(x, y, gradOutput));
    }
}
