package io.kerflux.core.initializers;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Resolves Keras initializer identifiers.
 *
 * <p>Keras equivalent: {@code keras.initializers.get}. Accepts Keras 2.3's snake_case names and
 * aliases ("glorot_uniform", "zeros"/"zero", "random_normal"/"normal", …), tf.keras'
 * "variance_scaling", and the class names ("GlorotUniform", "RandomNormal", …). Names are
 * case-sensitive, as in Keras.
 */
public final class Initializers {
    private static final SortedMap<String, Supplier<Initializer>> BUILT_IN = builtIns();

    private Initializers() { }

    /**
     * A new initializer for a Keras name, with Keras' default arguments and no seed.
     *
     * @param name a Keras identifier ("glorot_uniform", "zeros", "Orthogonal", …)
     * @return a new instance
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Initializer get(String name) {
        Supplier<Initializer> s = BUILT_IN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown initializer: " + name + ". Known initializers: " + BUILT_IN.keySet());
        }
        return s.get();
    }

    /**
     * The names {@link #get} accepts.
     *
     * @return the sorted identifiers, aliases and class names
     */
    public static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(BUILT_IN.keySet()));
    }

    private static SortedMap<String, Supplier<Initializer>> builtIns() {
        TreeMap<String, Supplier<Initializer>> m = new TreeMap<>();
        register(m, Zeros::new, "Zeros", "zeros", "zero");
        register(m, Ones::new, "Ones", "ones", "one");
        register(m, Constant::new, "Constant", "constant");
        register(m, RandomNormal::new, "RandomNormal", "random_normal", "normal");
        register(m, RandomUniform::new, "RandomUniform", "random_uniform", "uniform");
        register(m, TruncatedNormal::new, "TruncatedNormal", "truncated_normal");
        register(m, VarianceScaling::new, "VarianceScaling", "variance_scaling");
        register(m, Orthogonal::new, "Orthogonal", "orthogonal");
        register(m, Identity::new, "Identity", "identity");
        register(m, GlorotUniform::new, "GlorotUniform", "glorot_uniform");
        register(m, GlorotNormal::new, "GlorotNormal", "glorot_normal");
        register(m, HeUniform::new, "HeUniform", "he_uniform");
        register(m, HeNormal::new, "HeNormal", "he_normal");
        register(m, LecunUniform::new, "LecunUniform", "lecun_uniform");
        register(m, LecunNormal::new, "LecunNormal", "lecun_normal");
        return Collections.unmodifiableSortedMap(m);
    }

    private static void register(TreeMap<String, Supplier<Initializer>> m, Supplier<Initializer> factory, String... names) {
        for (String name : names) {
            m.put(name, factory);
        }
    }
}
