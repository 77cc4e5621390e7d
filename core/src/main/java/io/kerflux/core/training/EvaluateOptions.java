package io.kerflux.core.training;

import io.kerflux.core.callbacks.Callback;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arguments of {@code evaluate} and {@code evaluate_generator}, with Keras' defaults
 * (KERAS_SEMANTICS.md §6b, §8.1).
 *
 * @param batchSize samples per batch for arrays (None → 32); must be empty for a Sequence or generator
 * @param verbose 0 silent, 1 progress bar (the default of evaluate; evaluate_generator's is 0)
 * @param sampleWeight {@code (n,)} or {@code (n, T)} weights for arrays, or null
 * @param steps batches to evaluate; with arrays (Keras 2.3) each step feeds the whole arrays
 * @param callbacks their on_test_* hooks run
 * @param maxQueueSize batches loaded ahead (Sequence and generators)
 * @param workers loader threads for a Sequence
 * @param useMultiprocessing accepted for Keras compatibility; no effect on the JVM
 */
public record EvaluateOptions(
        OptionalInt batchSize,
        int verbose,
        @Nullable INDArray sampleWeight,
        OptionalInt steps,
        List<Callback> callbacks,
        int maxQueueSize,
        int workers,
        boolean useMultiprocessing) {

    /** Validates each argument. */
    public EvaluateOptions {
        Checks.positive("batch_size", batchSize);
        Checks.verbose(verbose);
        Checks.positive("steps", steps);
        callbacks = List.copyOf(callbacks);
        Checks.atLeast("max_queue_size", maxQueueSize, 1);
        Checks.atLeast("workers", workers, 0);
    }

    /** @return Keras' defaults for evaluate (verbose 1) */
    public static EvaluateOptions defaults() {
        return builder().build();
    }

    /** @return a builder with Keras' defaults for evaluate */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder whose methods are named like Keras' evaluate arguments. */
    public static final class Builder {
        private OptionalInt batchSize = OptionalInt.empty();
        private int verbose = 1;
        private @Nullable INDArray sampleWeight;
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

        /** @param value 0 or 1 (2 behaves as 1 for evaluate, as in Keras) @return this builder */
        public Builder verbose(int value) {
            this.verbose = value;
            return this;
        }

        /** @param value {@code (n,)} or {@code (n, T)} @return this builder */
        public Builder sampleWeight(INDArray value) {
            this.sampleWeight = value;
            return this;
        }

        /** @param value batches to evaluate @return this builder */
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
        public EvaluateOptions build() {
            return new EvaluateOptions(batchSize, verbose, sampleWeight, steps, callbacks, maxQueueSize, workers,
                    useMultiprocessing);
        }
    }
}
