package io.kerflux.core.metrics;

import io.kerflux.core.losses.Loss;
import io.kerflux.core.losses.Losses;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Resolves Keras metric identifiers to new metrics with empty state.
 *
 * <p>Keras equivalent: {@code keras.metrics.get} plus the {@code 'accuracy'}/{@code 'crossentropy'}
 * resolution that compile applies ({@code training_utils.get_metric_function}). Every metric
 * returned is named by the string exactly as passed ({@code "acc"} stays {@code acc}, {@code
 * "mse"} stays {@code mse}), which is its key in logs and History.
 */
public final class Metrics {
    private static final String BINARY_CROSSENTROPY = "binary_crossentropy";
    private static final String SPARSE_CATEGORICAL_CROSSENTROPY = "sparse_categorical_crossentropy";
    private static final String CATEGORICAL_CROSSENTROPY = "categorical_crossentropy";

    /** Metrics computed here; each factory takes the name to report. */
    private static final Map<String, Function<String, Metric>> BUILT_IN = builtIn();

    /**
     * Loss names and aliases (KERAS_SEMANTICS §9) accepted as metrics. Keras 2.3 lacks {@code
     * huber_loss}, {@code kld} and {@code KLD} on the metric side; they are accepted anyway.
     */
    private static final Set<String> LOSS_NAMES = Set.of(
            "mean_squared_error", "mse", "MSE",
            "mean_absolute_error", "mae", "MAE",
            "mean_absolute_percentage_error", "mape", "MAPE",
            "mean_squared_logarithmic_error", "msle", "MSLE",
            "hinge", "squared_hinge", "categorical_hinge", "logcosh", "huber_loss",
            CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY, BINARY_CROSSENTROPY,
            "kullback_leibler_divergence", "kld", "KLD", "poisson");

    /** Names that only compile understands, because they depend on the loss and the output shape. */
    private static final Set<String> ACCURACY = Set.of("accuracy", "acc");
    private static final Set<String> CROSSENTROPY = Set.of("crossentropy", "ce");

    private Metrics() { }

    private static Map<String, Function<String, Metric>> builtIn() {
        Map<String, Function<String, Metric>> m = new HashMap<>();
        m.put("accuracy", Accuracy::new);
        m.put("binary_accuracy", name -> new BinaryAccuracy(0.5, name));
        m.put("categorical_accuracy", CategoricalAccuracy::new);
        m.put("sparse_categorical_accuracy", SparseCategoricalAccuracy::new);
        m.put("top_k_categorical_accuracy", name -> new TopKCategoricalAccuracy(5, name));
        m.put("sparse_top_k_categorical_accuracy", name -> new SparseTopKCategoricalAccuracy(5, name));
        // The metric is the positive similarity, so it cannot reuse the (negative) loss.
        for (String cosine : new String[] {"cosine_proximity", "cosine", "cosine_similarity"}) {
            m.put(cosine, name -> new MeanMetricWrapper(name, MetricFunctions::cosineSimilarity));
        }
        return Map.copyOf(m);
    }

    /**
     * A new metric for a Keras metric name or any loss name.
     *
     * <p>Keras equivalent: {@code keras.metrics.get(name)}. {@code "accuracy"} gives the exact
     * equality {@link Accuracy}, as in Keras; use {@link #resolve} for compile's meaning of it.
     * Loss names are resolved through {@link Losses#get} and averaged with {@link #fromLoss}.
     *
     * @param name a Keras metric or loss name (case-sensitive)
     * @return a metric with empty state, named {@code name}
     * @throws IllegalArgumentException for an unknown name ("Unknown metric function:foo"), listing
     *     the known ones
     */
    public static Metric get(String name) {
        return get(name, Losses::get);
    }

    /** {@link #get(String)} with the loss lookup passed in, so tests can stand in for {@link Losses#get}. */
    static Metric get(String name, Function<String, Loss> losses) {
        Objects.requireNonNull(name, "name");
        Function<String, Metric> factory = BUILT_IN.get(name);
        if (factory != null) {
            return factory.apply(name);
        }
        if (LOSS_NAMES.contains(name)) {
            return fromLoss(losses.apply(name), name);
        }
        throw unknown(name, Set.of());
    }

    /**
     * A new metric for a name given to compile, resolving {@code accuracy}/{@code acc} and {@code
     * crossentropy}/{@code ce} by the loss and the output shape.
     *
     * <p>Keras equivalent: compile's {@code get_metric_function}. Output last dimension 1 or loss
     * {@code binary_crossentropy} gives {@code binary_accuracy} (or the binary crossentropy); else
     * loss {@code sparse_categorical_crossentropy} gives {@code sparse_categorical_accuracy} (or the
     * sparse categorical crossentropy); else {@code categorical_accuracy} (or the categorical
     * crossentropy). Every other name goes through {@link #get}.
     *
     * @param name the string passed in {@code metrics} or {@code weighted_metrics}; also the
     *     returned metric's name
     * @param lossName the Keras name of the model's loss, or null if it has none or a custom one
     * @param outputLastDim the size of the last axis of the model output
     * @return a metric with empty state, named {@code name}
     * @throws IllegalArgumentException for an unknown name ("Unknown metric function:foo")
     */
    public static Metric resolve(String name, @Nullable String lossName, long outputLastDim) {
        return resolve(name, lossName, outputLastDim, Losses::get);
    }

    /** {@link #resolve(String, String, long)} with the loss lookup passed in, as for {@link #get(String, Function)}. */
    static Metric resolve(String name, @Nullable String lossName, long outputLastDim, Function<String, Loss> losses) {
        Objects.requireNonNull(name, "name");
        boolean binary = outputLastDim == 1 || BINARY_CROSSENTROPY.equals(lossName);
        boolean sparse = SPARSE_CATEGORICAL_CROSSENTROPY.equals(lossName);
        if (ACCURACY.contains(name)) {
            if (binary) {
                return new BinaryAccuracy(0.5, name);
            }
            return sparse ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
        }
        if (CROSSENTROPY.contains(name)) {
            String loss = binary ? BINARY_CROSSENTROPY : sparse ? SPARSE_CATEGORICAL_CROSSENTROPY : CATEGORICAL_CROSSENTROPY;
            return fromLoss(losses.apply(loss), name);
        }
        if (!BUILT_IN.containsKey(name) && !LOSS_NAMES.contains(name)) {
            throw unknown(name, Set.of("acc", "ce", "crossentropy"));
        }
        return get(name, losses);
    }

    /**
     * The stateful mean of a loss's per-sample values ({@link Loss#call}), whatever the loss's own
     * reduction.
     *
     * <p>Keras equivalent: a loss function passed as a metric, wrapped in {@code MeanMetricWrapper}.
     *
     * @param loss the loss
     * @param name the metric's name
     * @return a metric with empty state
     */
    public static MeanMetricWrapper fromLoss(Loss loss, String name) {
        Objects.requireNonNull(loss, "loss");
        return new MeanMetricWrapper(name, loss::call);
    }

    private static IllegalArgumentException unknown(String name, Set<String> extra) {
        SortedSet<String> known = new TreeSet<>(BUILT_IN.keySet());
        known.addAll(LOSS_NAMES);
        known.addAll(extra);
        return new IllegalArgumentException("Unknown metric function:" + name + ". Known metrics: " + known);
    }
}
