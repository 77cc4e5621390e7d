package io.kerflux.core.layers;

/**
 * Averages over {@code pool_size} windows of each channel, moved by {@code strides}.
 *
 * <p>Keras equivalent: {@code keras.layers.AveragePooling2D(pool_size=(2, 2), strides=None,
 * padding='valid', data_format=None)}. Input {@code (batch, rows, cols, channels)} ({@code (batch,
 * channels, rows, cols)} with {@code "channels_first"}); each spatial output length is {@code
 * floor((length - poolSize) / strides) + 1} with {@code "valid"} padding and {@code ceil(length /
 * strides)} with {@code "same"}. With {@code "same"} padding a window is averaged over its real
 * cells only, as in TensorFlow.
 */
public final class AveragePooling2D extends Pooling {

    /** An AveragePooling2D layer with Keras' defaults. */
    public AveragePooling2D() {
        this(builder());
    }

    /**
     * An AveragePooling2D layer with a window size and the other arguments at Keras' defaults.
     *
     * @param poolSize one positive integer for both axes, or (rows, cols) (Keras' {@code pool_size=(2, 2)})
     * @throws IllegalArgumentException if the count or a value is wrong
     */
    public AveragePooling2D(int... poolSize) {
        this(builder().poolSize(poolSize));
    }

    private AveragePooling2D(Builder b) {
        super("average_pooling2d", false, b);
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
        return "AveragePooling2D";
    }

    /** Builder for AveragePooling2D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends Pooling.Builder<Builder> {
        private Builder() {
            super(2);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the layer */
        public AveragePooling2D build() {
            return new AveragePooling2D(this);
        }
    }
}
