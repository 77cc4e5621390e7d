package io.kerflux.core.constraints;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Resolves Keras constraint identifiers.
 *
 * <p>Keras equivalent: {@code keras.constraints.get}.
 */
public final class Constraints {
    private static final Map<String, Supplier<Constraint>> BUILT_IN = new TreeMap<>();

    private Constraints() { }

    /**
     * A new constraint for a Keras name, with Keras' defaults.
     *
     * @param name a Keras identifier
     * @return the constraint
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Constraint get(String name) {
        Supplier<Constraint> s = BUILT_IN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown constraint: " + name + ". Known: " + BUILT_IN.keySet());
        }
        return s.get();
    }
}
