package io.kerflux.core.activations;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise activation assembled from its forward function and its backward rule.
 *
 * @param name the Keras identifier
 * @param forward computes f(x) into a new array
 * @param backward computes dL/dx into a new array
 */
record Pointwise(String name, UnaryOperator<INDArray> forward, Backward backward) implements Activation {

    /** The backward rule of an element-wise function. */
    @FunctionalInterface
    interface Backward {
        /**
         * Computes dL/dx.
         *
         * @param x the input
         * @param y f(x)
         * @param g dL/dy
         * @return dL/dx, a new array
         */
        INDArray apply(INDArray x, INDArray y, INDArray g);
    }

    Pointwise {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(backward, "backward");
    }

    @Override
    public INDArray apply(INDArray x) {
        return forward.apply(x);
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
        return backward.apply(x, y, gradOutput);
    }
}
