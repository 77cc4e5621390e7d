package io.kerflux.core.models;

import io.kerflux.core.losses.Loss;
import io.kerflux.core.metrics.Metric;
import io.kerflux.core.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of {@link Sequential#compile(CompileOptions)}, Keras' {@code compile(optimizer,
 * loss, metrics, loss_weights, sample_weight_mode, weighted_metrics, target_tensors)}.
 *
 * <p>Identifiers are Keras strings or objects: an optimizer is a name ("adam") or an {@link
 * Optimizer}; a loss is a name, a {@link Loss}, a list of one of those (Sequential has one output)
 * or a map from the output layer's name to one; a metric is a name or a {@link Metric}.
 *
 * @param optimizer a {@link String} or an {@link Optimizer}
 * @param loss a {@link String}, a {@link Loss}, a one-element {@link List} or a {@link Map} keyed by
 *     the output layer name
 * @param metrics names or Metric objects, reported without sample weights
 * @param lossWeights null, a one-element {@link List} of numbers, or a {@link Map} from the output
 *     layer name to a number
 * @param sampleWeightMode null (one weight per sample) or "temporal" (one per timestep)
 * @param weightedMetrics names or Metric objects that receive sample and class weights
 * @param targetTensors always null: Kerflux feeds targets as arrays or batches, never as
 *     pre-built graph tensors, so a non-null value is rejected by compile
 */
public record CompileOptions(
        Object optimizer,
        Object loss,
        List<Object> metrics,
        @Nullable Object lossWeights,
        @Nullable String sampleWeightMode,
        List<Object> weightedMetrics,
        @Nullable Object targetTensors) {

    /** Copies the lists and checks the required arguments. */
    public CompileOptions {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        metrics = List.copyOf(metrics);
        weightedMetrics = List.copyOf(weightedMetrics);
    }

    /**
     * Starts a builder with the required arguments.
     *
     * @param optimizer a name or an {@link Optimizer}
     * @param loss a name, a {@link Loss}, a one-element list or a map
     * @return the builder
     */
    public static Builder builder(Object optimizer, Object loss) {
        return new Builder(optimizer, loss);
    }

    /** Builder whose methods are named like Keras' compile arguments. */
    public static final class Builder {
        private final Object optimizer;
        private final Object loss;
        private final List<Object> metrics = new ArrayList<>();
        private @Nullable Object lossWeights;
        private @Nullable String sampleWeightMode;
        private final List<Object> weightedMetrics = new ArrayList<>();
        private @Nullable Object targetTensors;

        private Builder(Object optimizer, Object loss) {
            this.optimizer = optimizer;
            this.loss = loss;
        }

        /** @param values metric names or {@link Metric} objects @return this builder */
        public Builder metrics(Object... values) {
            metrics.addAll(List.of(values));
            return this;
        }

        /** @param values metric names or {@link Metric} objects @return this builder */
        public Builder metrics(List<?> values) {
            metrics.addAll(values);
            return this;
        }

        /** @param values weighted metric names or objects @return this builder */
        public Builder weightedMetrics(Object... values) {
            weightedMetrics.addAll(List.of(values));
            return this;
        }

        /** @param weights one weight per output (a single one for Sequential) @return this builder */
        public Builder lossWeights(List<? extends Number> weights) {
            this.lossWeights = List.copyOf(weights);
            return this;
        }

        /** @param weights output layer name to weight @return this builder */
        public Builder lossWeights(Map<String, ? extends Number> weights) {
            this.lossWeights = new LinkedHashMap<>(weights);
            return this;
        }

        /** @param mode null or "temporal" @return this builder */
        public Builder sampleWeightMode(@Nullable String mode) {
            this.sampleWeightMode = mode;
            return this;
        }

        /**
         * Keras' target_tensors. Accepted here only to be rejected by compile with the reason.
         *
         * @param value anything non-null is rejected
         * @return this builder
         */
        public Builder targetTensors(@Nullable Object value) {
            this.targetTensors = value;
            return this;
        }

        /** @return the options */
        public CompileOptions build() {
            return new CompileOptions(optimizer, loss, metrics, lossWeights, sampleWeightMode,
                    weightedMetrics, targetTensors);
        }
    }
}
