package io.kerflux.core.optimizers;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Resolves Keras optimizer identifiers.
 *
 * <p>Keras equivalent: {@code keras.optimizers.get} with a string: the built-in names {@code sgd,
 * rmsprop, adagrad, adadelta, adam, adamax, nadam}, in any case, give a new optimizer with Keras
 * 2.3's defaults.
 */
public final class Optimizers {
    private static final Map<String, Supplier<Optimizer>> BUILT_IN = builtIn();

    private Optimizers() { }

    private static Map<String, Supplier<Optimizer>> builtIn() {
        Map<String, Supplier<Optimizer>> m = new TreeMap<>();
        m.put("sgd", SGD::new);
        m.put("rmsprop", RMSprop::new);
        m.put("adagrad", Adagrad::new);
        m.put("adadelta", Adadelta::new);
        m.put("adam", Adam::new);
        m.put("adamax", Adamax::new);
        m.put("nadam", Nadam::new);
        return Collections.unmodifiableMap(m);
    }

    /**
     * A new optimizer with Keras' defaults for a built-in name.
     *
     * @param name a Keras optimizer name, case-insensitive ("adam", "SGD", "RMSprop", …)
     * @return a new optimizer with no state
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer get(String name) {
        Objects.requireNonNull(name, "name");
        Supplier<Optimizer> s = BUILT_IN.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("Unknown optimizer: " + name + ". Known optimizers: " + BUILT_IN.keySet());
        }
        return s.get();
    }
}
