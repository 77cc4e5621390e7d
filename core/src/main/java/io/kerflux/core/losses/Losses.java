package io.kerflux.core.losses;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Resolves Keras loss identifiers.
 *
 * <p>Keras equivalent: {@code keras.losses.get}. Known names, with their aliases:
 * {@code mean_squared_error} ({@code mse}, {@code MSE}), {@code mean_absolute_error} ({@code mae},
 * {@code MAE}), {@code mean_absolute_percentage_error} ({@code mape}, {@code MAPE}), {@code
 * mean_squared_logarithmic_error} ({@code msle}, {@code MSLE}), {@code hinge}, {@code
 * squared_hinge}, {@code categorical_hinge}, {@code logcosh}, {@code huber_loss}, {@code
 * categorical_crossentropy}, {@code sparse_categorical_crossentropy}, {@code binary_crossentropy},
 * {@code kullback_leibler_divergence} ({@code kld}, {@code KLD}), {@code poisson}, {@code
 * cosine_proximity} ({@code cosine}, {@code cosine_similarity}).
 */
public final class Losses {
    private static final SortedMap<String, Supplier<Loss>> BUILT_IN = builtIns();

    private Losses() { }

    private static SortedMap<String, Supplier<Loss>> builtIns() {
        SortedMap<String, Supplier<Loss>> m = new TreeMap<>();
        register(m, MeanSquaredError::new, "mean_squared_error", "mse", "MSE");
        register(m, MeanAbsoluteError::new, "mean_absolute_error", "mae", "MAE");
        register(m, MeanAbsolutePercentageError::new, "mean_absolute_percentage_error", "mape", "MAPE");
        register(m, MeanSquaredLogarithmicError::new, "mean_squared_logarithmic_error", "msle", "MSLE");
        register(m, Hinge::new, "hinge");
        register(m, SquaredHinge::new, "squared_hinge");
        register(m, CategoricalHinge::new, "categorical_hinge");
        register(m, LogCosh::new, "logcosh");
        register(m, Huber::new, "huber_loss");
        register(m, CategoricalCrossentropy::new, "categorical_crossentropy");
        register(m, SparseCategoricalCrossentropy::new, "sparse_categorical_crossentropy");
        register(m, BinaryCrossentropy::new, "binary_crossentropy");
        register(m, KLDivergence::new, "kullback_leibler_divergence", "kld", "KLD");
        register(m, Poisson::new, "poisson");
        // Keras 2.3.1 defines cosine_proximity and binds the other two names to that function
        register(m, () -> CosineSimilarity.builder().name("cosine_proximity").build(),
                "cosine_proximity", "cosine", "cosine_similarity");
        return Collections.unmodifiableSortedMap(m);
    }

    private static void register(Map<String, Supplier<Loss>> m, Supplier<Loss> factory, String... names) {
        for (String n : names) {
            m.put(n, factory);
        }
    }

    /**
     * A new loss for a Keras name, reduced with "sum_over_batch_size" and named with Keras' canonical
     * function name ("mean_squared_error" for "mse").
     *
     * @param name a Keras loss name or alias (case-sensitive)
     * @return a new loss
     * @throws IllegalArgumentException for an unknown name; the message starts "Unknown loss
     *     function:" followed by the name, and lists the known ones
     */
    public static Loss get(String name) {
        Supplier<Loss> s = BUILT_IN.get(Objects.requireNonNull(name, "name"));
        if (s == null) {
            throw new IllegalArgumentException(
                    "Unknown loss function:" + name + ". Known losses: " + BUILT_IN.keySet());
        }
        return s.get();
    }
}
