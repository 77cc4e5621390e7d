package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.activations.Activations;
import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.initializers.Initializers;
import io.kerflux.core.regularizers.Regularizer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The optional Keras arguments that the layers with an activation and a bias share (Dense, the
 * convolutions, the recurrent layers): activation, bias and activity regularizer, on top of
 * {@link LayerBuilder}'s. Each method is named like the Keras argument and returns the concrete
 * builder.
 *
 * @param <B> the concrete builder type
 */
public abstract class BiasedLayerBuilder<B extends BiasedLayerBuilder<B>> extends LayerBuilder<B> {
    Activation activation = Activations.get("linear");
    boolean useBias = true;
    Initializer biasInitializer = Initializers.get("zeros");
    @Nullable Regularizer biasRegularizer;
    @Nullable Regularizer activityRegularizer;
    @Nullable Constraint biasConstraint;

    @Override
    void applyTo(Layer layer) {
        super.applyTo(layer);
        layer.activityRegularizer(activityRegularizer);
    }

    /**
     * @param value a Keras activation name (default "linear"; "tanh" for the recurrent layers); null
     *     means linear
     * @return this builder
     */
    public B activation(@Nullable String value) {
        this.activation = Activations.get(value);
        return self();
    }

    /** @param value an activation @return this builder */
    public B activation(Activation value) {
        this.activation = Objects.requireNonNull(value, "activation");
        return self();
    }

    /** @param value whether to add a bias (default true) @return this builder */
    public B useBias(boolean value) {
        this.useBias = value;
        return self();
    }

    /** @param value a Keras initializer name (default "zeros") @return this builder */
    public B biasInitializer(String value) {
        return biasInitializer(Initializers.get(value));
    }

    /** @param value the bias initializer @return this builder */
    public B biasInitializer(Initializer value) {
        this.biasInitializer = Objects.requireNonNull(value, "biasInitializer");
        return self();
    }

    /** @param value penalty on the bias, or null @return this builder */
    public B biasRegularizer(@Nullable Regularizer value) {
        this.biasRegularizer = value;
        return self();
    }

    /** @param value penalty on the output, or null @return this builder */
    public B activityRegularizer(@Nullable Regularizer value) {
        this.activityRegularizer = value;
        return self();
    }

    /** @param value projection of the bias after each update, or null @return this builder */
    public B biasConstraint(@Nullable Constraint value) {
        this.biasConstraint = value;
        return self();
    }
}
