package io.kerflux.core.layers;

import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.regularizers.Regularizer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One variable of a layer: its value, the buffer its gradient is written to, and how it is
 * regularized and constrained.
 *
 * <p>Keras equivalent: a variable created by {@code Layer.add_weight}. The value and gradient
 * arrays are allocated once when the layer is built and then updated in place, so optimizers can
 * keep their state per weight.
 */
public final class Weight {
    private final String name;
    private final INDArray value;
    private final INDArray gradient;
    private final @Nullable Regularizer regularizer;
    private final @Nullable Constraint constraint;
    private final boolean trainable;

    /**
     * Creates a weight around an initial value; its gradient buffer starts at zero.
     *
     * @param name the short name ("kernel", "bias")
     * @param value the initial value, owned by the weight from now on
     * @param regularizer penalty added to the loss, or null
     * @param constraint projection after each update, or null
     * @param trainable whether optimizers update it (Keras' trainable vs non-trainable weights)
     */
    public Weight(
            String name,
            INDArray value,
            @Nullable Regularizer regularizer,
            @Nullable Constraint constraint,
            boolean trainable) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Nd4j.zeros(value.dataType(), value.shape());
        this.regularizer = regularizer;
        this.constraint = constraint;
        this.trainable = trainable;
    }

    /** @return the short name, for example "kernel" */
    public String name() {
        return name;
    }

    /** @return the value, updated in place by optimizers */
    public INDArray value() {
        return value;
    }

    /** @return the gradient buffer that the layer's backward pass writes */
    public INDArray gradient() {
        return gradient;
    }

    /** @return the regularizer, or null */
    public @Nullable Regularizer regularizer() {
        return regularizer;
    }

    /** @return the constraint, or null */
    public @Nullable Constraint constraint() {
        return constraint;
    }

    /** @return whether this weight is trainable in itself (the layer may still be frozen) */
    public boolean trainable() {
        return trainable;
    }

    /** @return the shape of the value */
    public long[] shape() {
        return value.shape();
    }
}
