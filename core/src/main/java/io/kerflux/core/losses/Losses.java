package io.kerflux.core.losses;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Resolves Keras loss identifiers.
 *
 * <p>Keras equivalent: {@code keras.losses.get}.
 */
public final class Losses {
    private static final Map<String, Supplier<Loss>> BUILT_IN = new TreeMap<>();

    private Losses() { }

    /**
     * The loss for a Keras name, reduced with SUM_OVER_BATCH_SIZE.
     *
     * @param name a Keras loss name or alias (case-sensitive)
     * @return the loss
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Loss get(String name) {
        Supplier<Loss> s = BUILT_IN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown loss function:" + name + ". Known losses: " + BUILT_IN.keySet());
        }
        return s.get();
    }
}
