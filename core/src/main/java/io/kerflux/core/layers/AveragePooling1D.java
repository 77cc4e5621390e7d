package io.kerflux.core.layers;

/**
 * Averages over windows of {@code pool_size} steps, moved by {@code strides}.
 *
 * <p>Keras equivalent: {@code keras.layers.AveragePooling1D(pool_size=2, strides=None,
 * padding='valid', data_format='channels_last')}. Input {@code (batch, steps, features)} ({@code
 * (batch, features, steps)} with {@code "channels_first"}); output {@code (batch, pooledSteps,
 * features)}, where pooledSteps is {@code floor((steps - poolSize) / strides) + 1} with {@code
 * "valid"} padding and {@code ceil(steps / strides)} with {@code "same"}. With {@code "same"}
 * padding a window is averaged over its real steps only, as in TensorFlow.
 */
public final class AveragePooling1D extends Pooling {

    /** An AveragePooling1D layer with Keras' defaults. */
    public AveragePooling1D() {
        this(builder());
    }

    /**
     * An AveragePooling1D layer with a window size and the other arguments at Keras' defaults.
     *
     * @param poolSize one positive integer (Keras' {@code pool_size=2})
     * @throws IllegalArgumentException if poolSize is not positive
     */
    public AveragePooling1D(int poolSize) {
        this(builder().poolSize(poolSize));
    }

    private AveragePooling1D(Builder b) {
        super("average_pooling1d", false, b);
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String className() {
        return "AveragePooling1D";
    }

    /** Builder for AveragePooling1D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends Pooling.Builder<Builder> {
        private Builder() {
            super(1);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the layer */
        public AveragePooling1D build() {
            return new AveragePooling1D(this);
        }
    }
}
