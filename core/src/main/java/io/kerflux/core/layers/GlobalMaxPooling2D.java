package io.kerflux.core.layers;

import org.jspecify.annotations.Nullable;

/**
 * Takes the maximum of each channel over all rows and columns.
 *
 * <p>Keras equivalent: {@code keras.layers.GlobalMaxPooling2D(data_format=None)}. Input {@code
 * (batch, rows, cols, channels)} ({@code (batch, channels, rows, cols)} with {@code
 * "channels_first"}), output {@code (batch, channels)}.
 */
public final class GlobalMaxPooling2D extends GlobalPooling {

    /** A GlobalMaxPooling2D layer with Keras' default data format, {@code "channels_last"}. */
    public GlobalMaxPooling2D() {
        this(null);
    }

    /**
     * A GlobalMaxPooling2D layer with a data format.
     *
     * @param dataFormat {@code "channels_last"} or {@code "channels_first"} (any case, as Keras
     *     normalizes it); null means {@code "channels_last"}
     * @throws IllegalArgumentException for any other value
     */
    public GlobalMaxPooling2D(@Nullable String dataFormat) {
        super("global_max_pooling2d", true, 2, dataFormat);
    }

    @Override
    public String className() {
        return "GlobalMaxPooling2D";
    }
}
