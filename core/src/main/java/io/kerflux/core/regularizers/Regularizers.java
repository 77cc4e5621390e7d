package io.kerflux.core.regularizers;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Creates regularizers and resolves Keras regularizer identifiers.
 *
 * <p>Keras equivalent: {@code keras.regularizers.l1}, {@code l2}, {@code l1_l2} and {@code
 * keras.regularizers.get}.
 */
public final class Regularizers {
    /** Keras' default factor of {@code l1()}, {@code l2()} and {@code l1_l2()}. */
    public static final double DEFAULT_FACTOR = 0.01;

    private static final SortedMap<String, Supplier<Regularizer>> BUILT_IN = builtIns();

    private Regularizers() { }

    /**
     * An L1 penalty {@code l·Σ|w|}.
     *
     * <p>Keras equivalent: {@code keras.regularizers.l1(l=0.01)}.
     *
     * @param l the factor, non-negative
     * @return the regularizer
     * @throws IllegalArgumentException if the factor is negative or not finite
     */
    public static L1L2 l1(double l) {
        return new L1L2(l, 0.0);
    }

    /**
     * An L2 penalty {@code l·Σw²}.
     *
     * <p>Keras equivalent: {@code keras.regularizers.l2(l=0.01)}.
     *
     * @param l the factor, non-negative
     * @return the regularizer
     * @throws IllegalArgumentException if the factor is negative or not finite
     */
    public static L1L2 l2(double l) {
        return new L1L2(0.0, l);
    }

    /**
     * The combined penalty {@code l1·Σ|w| + l2·Σw²}.
     *
     * <p>Keras equivalent: {@code keras.regularizers.l1_l2(l1=0.01, l2=0.01)}.
     *
     * @param l1 the L1 factor, non-negative
     * @param l2 the L2 factor, non-negative
     * @return the regularizer
     * @throws IllegalArgumentException if a factor is negative or not finite
     */
    public static L1L2 l1L2(double l1, double l2) {
        return new L1L2(l1, l2);
    }

    /**
     * A new regularizer for a Keras name, with Keras' defaults: "l1" and "l2" use 0.01, "l1_l2"
     * 0.01 for both, the class name "L1L2" 0 for both.
     *
     * @param name "l1", "l2", "l1_l2" or "L1L2" (case-sensitive)
     * @return the regularizer
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Regularizer get(String name) {
        Supplier<Regularizer> s = BUILT_IN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown regularizer: " + name + ". Known regularizers: " + BUILT_IN.keySet());
        }
        return s.get();
    }

    private static SortedMap<String, Supplier<Regularizer>> builtIns() {
        TreeMap<String, Supplier<Regularizer>> m = new TreeMap<>();
        m.put("l1", () -> l1(DEFAULT_FACTOR));
        m.put("l2", () -> l2(DEFAULT_FACTOR));
        m.put("l1_l2", () -> l1L2(DEFAULT_FACTOR, DEFAULT_FACTOR));
        m.put("L1L2", () -> new L1L2(0.0, 0.0));
        return Collections.unmodifiableSortedMap(m);
    }
}
