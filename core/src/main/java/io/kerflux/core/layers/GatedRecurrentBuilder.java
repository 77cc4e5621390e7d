package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.activations.Activations;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The optional Keras arguments that LSTM and GRU share on top of {@link RecurrentBuilder}: the gate
 * activation and the implementation mode.
 *
 * @param <B> the concrete builder type
 */
public abstract class GatedRecurrentBuilder<B extends GatedRecurrentBuilder<B>> extends RecurrentBuilder<B> {
    Activation recurrentActivation = Activations.get("sigmoid");
    int implementation = 2;

    GatedRecurrentBuilder(int units) {
        super(units);
    }

    /** Copies every setting of {@code other} that this class or {@link RecurrentBuilder} holds. */
    final B copyGated(GatedRecurrentBuilder<?> other) {
        copyShared(other);
        recurrentActivation = other.recurrentActivation;
        implementation = other.implementation;
        return self();
    }

    /**
     * @param value a Keras activation name for the gates (default "sigmoid"); null means linear
     * @return this builder
     */
    public B recurrentActivation(@Nullable String value) {
        this.recurrentActivation = Activations.get(value);
        return self();
    }

    /** @param value the gate activation @return this builder */
    public B recurrentActivation(Activation value) {
        this.recurrentActivation = Objects.requireNonNull(value, "recurrentActivation");
        return self();
    }

    /**
     * Keras' implementation mode; here it only decides the dropout masks (1: one per gate, 2: one
     * for all gates), the computation is the same.
     *
     * @param value 1 or 2 (default 2)
     * @return this builder
     * @throws IllegalArgumentException for any other value
     */
    public B implementation(int value) {
        this.implementation = checkImplementation(value);
        return self();
    }
}
