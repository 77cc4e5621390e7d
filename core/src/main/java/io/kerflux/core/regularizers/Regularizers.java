package io.kerflux.core.regularizers;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Resolves Keras regularizer identifiers.
 *
 * <p>Keras equivalent: {@code keras.regularizers.get}.
 */
public final class Regularizers {
    private static final Map<String, Supplier<Regularizer>> BUILT_IN = new TreeMap<>();

    private Regularizers() { }

    /**
     * A new regularizer for a Keras name, with Keras' defaults.
     *
     * @param name a Keras identifier
     * @return the regularizer
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Regularizer get(String name) {
        Supplier<Regularizer> s = BUILT_IN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown regularizer: " + name + ". Known: " + BUILT_IN.keySet());
        }
        return s.get();
    }
}
