package io.kerflux.core.layers;

import org.jspecify.annotations.Nullable;

/**
 * The optional Keras arguments that every layer builder has: the input shape of a first layer and
 * the name. Each method is named like the Keras argument and returns the concrete builder.
 *
 * @param <B> the concrete builder type
 */
public abstract class LayerBuilder<B extends LayerBuilder<B>> {
    long @Nullable [] inputShape;
    @Nullable String name;

    /** @return this builder, typed as the concrete builder */
    abstract B self();

    /**
     * Hands the settings that live in {@link Layer} itself to the layer being built.
     *
     * @param layer the new layer
     */
    void applyTo(Layer layer) {
        if (inputShape != null) {
            layer.inputShape(inputShape);
        }
        if (name != null) {
            layer.name(name);
        }
    }

    /** @param shape the per-sample input shape of a first layer @return this builder */
    public B inputShape(long... shape) {
        this.inputShape = shape.clone();
        return self();
    }

    /** @param value the layer name @return this builder */
    public B name(String value) {
        this.name = value;
        return self();
    }
}
