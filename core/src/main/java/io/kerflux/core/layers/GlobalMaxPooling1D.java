package io.kerflux.core.layers;

import org.jspecify.annotations.Nullable;

/**
 * Takes the maximum of each feature over all steps.
 *
 * <p>Keras equivalent: {@code keras.layers.GlobalMaxPooling1D(data_format='channels_last')}. Input
 * {@code (batch, steps, features)} ({@code (batch, features, steps)} with {@code
 * "channels_first"}), output {@code (batch, features)}.
 */
public final class GlobalMaxPooling1D extends GlobalPooling {

    /** A GlobalMaxPooling1D layer with Keras' default data format, {@code "channels_last"}. */
    public GlobalMaxPooling1D() {
        this(null);
    }

    /**
     * A GlobalMaxPooling1D layer with a data format.
     *
     * @param dataFormat {@code "channels_last"} or {@code "channels_first"} (any case, as Keras
     *     normalizes it); null means {@code "channels_last"}
     * @throws IllegalArgumentException for any other value
     */
    public GlobalMaxPooling1D(@Nullable String dataFormat) {
        super("global_max_pooling1d", true, 1, dataFormat);
    }

    @Override
    public String className() {
        return "GlobalMaxPooling1D";
    }
}
