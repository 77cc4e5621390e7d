package io.kerflux.core.layers;

/**
 * Takes the maximum over {@code pool_size} windows of each channel, moved by {@code strides}.
 *
 * <p>Keras equivalent: {@code keras.layers.MaxPooling2D(pool_size=(2, 2), strides=None,
 * padding='valid', data_format=None)}. Input {@code (batch, rows, cols, channels)} ({@code (batch,
 * channels, rows, cols)} with {@code "channels_first"}); each spatial output length is {@code
 * floor((length - poolSize) / strides) + 1} with {@code "valid"} padding and {@code ceil(length /
 * strides)} with {@code "same"}. With {@code "same"} padding the padded cells never win the
 * maximum.
 */
public final class MaxPooling2D extends Pooling {

    /** A MaxPooling2D layer with Keras' defaults. */
    public MaxPooling2D() {
        this(builder());
    }

    /**
     * A MaxPooling2D layer with a window size and the other arguments at Keras' defaults.
     *
     * @param poolSize one positive integer for both axes, or (rows, cols) (Keras' {@code pool_size=(2, 2)})
     * @throws IllegalArgumentException if the count or a value is wrong
     */
    public MaxPooling2D(int... poolSize) {
        this(builder().poolSize(poolSize));
    }

    private MaxPooling2D(Builder b) {
        super("max_pooling2d", true, b);
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
        return "MaxPooling2D";
    }

    /** Builder for MaxPooling2D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends Pooling.Builder<Builder> {
        private Builder() {
            super(2);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the layer */
        public MaxPooling2D build() {
            return new MaxPooling2D(this);
        }
    }
}
