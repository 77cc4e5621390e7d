package io.kerflux.core.constraints;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Resolves Keras constraint identifiers.
 *
 * <p>Keras equivalent: {@code keras.constraints.get}. Accepts the snake_case names, the legacy
 * aliases ("maxnorm", "nonneg", "unitnorm") and the class names, case-sensitively.
 */
public final class Constraints {
    private static final SortedMap<String, Supplier<Constraint>> BUILT_IN = builtIns();

    private Constraints() { }

    /**
     * A new constraint for a Keras name, with Keras' defaults.
     *
     * @param name a Keras identifier ("max_norm", "non_neg", "unit_norm", "min_max_norm", an alias or a class name)
     * @return the constraint
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Constraint get(String name) {
        Supplier<Constraint> s = BUILT_IN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown constraint: " + name + ". Known constraints: " + BUILT_IN.keySet());
        }
        return s.get();
    }

    private static SortedMap<String, Supplier<Constraint>> builtIns() {
        TreeMap<String, Supplier<Constraint>> m = new TreeMap<>();
        register(m, MaxNorm::new, "MaxNorm", "max_norm", "maxnorm");
        register(m, NonNeg::new, "NonNeg", "non_neg", "nonneg");
        register(m, UnitNorm::new, "UnitNorm", "unit_norm", "unitnorm");
        register(m, MinMaxNorm::new, "MinMaxNorm", "min_max_norm");
        return Collections.unmodifiableSortedMap(m);
    }

    private static void register(TreeMap<String, Supplier<Constraint>> m, Supplier<Constraint> factory, String... names) {
        for (String name : names) {
            m.put(name, factory);
        }
    }
}
