package io.kerflux.core.layers;

import org.jspecify.annotations.Nullable;

/**
 * Averages each channel over all rows and columns.
 *
 * <p>Keras equivalent: {@code keras.layers.GlobalAveragePooling2D(data_format=None)}. Input {@code
 * (batch, rows, cols, channels)} ({@code (batch, channels, rows, cols)} with {@code
 * "channels_first"}), output {@code (batch, channels)}.
 */
public final class GlobalAveragePooling2D extends GlobalPooling {

    /** A GlobalAveragePooling2D layer with Keras' default data format, {@code "channels_last"}. */
    public GlobalAveragePooling2D() {
        this(null);
    }

    /**
     * A GlobalAveragePooling2D layer with a data format.
     *
     * @param dataFormat {@code "channels_last"} or {@code "channels_first"} (any case, as Keras
     *     normalizes it); null means {@code "channels_last"}
     * @throws IllegalArgumentException for any other value
     */
    public GlobalAveragePooling2D(@Nullable String dataFormat) {
        super("global_average_pooling2d", false, 2, dataFormat);
    }

    @Override
    public String className() {
        return "GlobalAveragePooling2D";
    }
}
