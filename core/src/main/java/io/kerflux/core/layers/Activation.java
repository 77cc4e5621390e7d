package io.kerflux.core.layers;

import io.kerflux.core.activations.Activations;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies an activation function to its input; the output has the input's shape.
 *
 * <p>Keras equivalent: {@code keras.layers.Activation(activation)}. This layer class shares its
 * simple name with the function interface {@link io.kerflux.core.activations.Activation}; import
 * one and write the other in full.
 */
public final class Activation extends Layer {
    private final io.kerflux.core.activations.Activation function;

    private @Nullable INDArray lastInput;
    private @Nullable INDArray lastOutput;

    /**
     * An Activation layer for a Keras activation name.
     *
     * @param activation a Keras identifier ("relu", "softmax", …); null means "linear", as in Keras
     * @throws IllegalArgumentException for an unknown name
     */
    public Activation(@Nullable String activation) {
        this(Activations.get(activation));
    }

    /**
     * An Activation layer for an activation function.
     *
     * @param activation the function
     */
    public Activation(io.kerflux.core.activations.Activation activation) {
        super("activation");
        this.function = Objects.requireNonNull(activation, "activation");
    }

    /** Keras 2 lets masks pass through this layer unchanged. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public String className() {
        return "Activation";
    }

    /** @return the activation function */
    public io.kerflux.core.activations.Activation activation() {
        return function;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        lastInput = input;
        lastOutput = function.apply(input);
        return lastOutput;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        return function.backward(lastInput, lastOutput, gradOutput);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("activation", function.name());
        return c;
    }
}
