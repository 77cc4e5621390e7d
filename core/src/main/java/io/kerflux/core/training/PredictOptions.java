package io.kerflux.core.training;

import io.kerflux.core.callbacks.Callback;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The arguments of {@code predict} and {@code predict_generator}, with Keras' defaults
 * (KERAS_SEMANTICS.md §6b, §8.1).
 *
 * @param batchSize samples per batch for arrays (None → 32); must be empty for a Sequence or generator
 * @param verbose 0 (default) or 1 (progress bar)
 * @param steps batches to predict; with arrays (Keras 2.3) each step feeds the whole arrays
 * @param callbacks their on_predict_* hooks run
 * @param maxQueueSize batches loaded ahead (Sequence and generators)
 * @param workers loader threads for a Sequence
 * @param useMultiprocessing accepted for Keras compatibility; no effect on the JVM
 */
public record PredictOptions(
        OptionalInt batchSize,
        int verbose,
        OptionalInt steps,
        List<Callback> callbacks,
        int maxQueueSize,
        int workers,
        boolean useMultiprocessing) {

    /** Validates each argument. */
    public PredictOptions {
        Checks.positive("batch_size", batchSize);
        Checks.verbose(verbose);
        Checks.positive("steps", steps);
        callbacks = List.copyOf(callbacks);
        Checks.atLeast("max_queue_size", maxQueueSize, 1);
        Checks.atLeast("workers", workers, 0);
    }

    /** @return Keras' defaults for predict (verbose 0) */
    public static PredictOptions defaults() {
        return builder().build();
    }

    /** @return a builder with Keras' defaults for predict */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder whose methods are named like Keras' predict arguments. */
    public static final class Builder {
        private OptionalInt batchSize = OptionalInt.empty();
        private int verbose;
        private OptionalInt steps = OptionalInt.empty();
        private final List<Callback> callbacks = new ArrayList<>();
        private int maxQueueSize = 10;
        private int workers = 1;
        private boolean useMultiprocessing;

        private Builder() { }

        /** @param value samples per batch @return this builder */
        public Builder batchSize(int value) {
            this.batchSize = OptionalInt.of(value);
            return this;
        }

        /** @param value 0 or 1 @return this builder */
        public Builder verbose(int value) {
            this.verbose = value;
            return this;
        }

        /** @param value batches to predict @return this builder */
        public Builder steps(int value) {
            this.steps = OptionalInt.of(value);
            return this;
        }

        /** @param values callbacks @return this builder */
        public Builder callbacks(Callback... values) {
            callbacks.addAll(List.of(values));
            return this;
        }

        /** @param value batches loaded ahead @return this builder */
        public Builder maxQueueSize(int value) {
            this.maxQueueSize = value;
            return this;
        }

        /** @param value loader threads @return this builder */
        public Builder workers(int value) {
            this.workers = value;
            return this;
        }

        /** @param value accepted; no effect on the JVM @return this builder */
        public Builder useMultiprocessing(boolean value) {
            this.useMultiprocessing = value;
            return this;
        }

        /** @return the options */
        public PredictOptions build() {
            return new PredictOptions(batchSize, verbose, steps, callbacks, maxQueueSize, workers, useMultiprocessing);
        }
    }
}
