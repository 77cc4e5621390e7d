package io.kerflux.core.training;

import io.kerflux.core.callbacks.Callback;
import io.kerflux.streams.Batch;
import io.kerflux.streams.Sequence;
import io.kerflux.streams.Shuffle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.reactivestreams.Publisher;

/**
 * The arguments of {@code fit} and {@code fit_generator}, with Keras' defaults
 * (KERAS_SEMANTICS.md §6, §8.1).
 *
 * <p>Each argument has one owner: batchSize, shuffle, sampleWeight and classWeight shape the
 * batches (the data adapters of {@code streams}); stepsPerEpoch, validationSteps, maxQueueSize,
 * workers and useMultiprocessing bound what is read; epochs, initialEpoch, verbose, callbacks and
 * the validation arguments belong to the training loop. Which arguments a source allows is
 * checked when fit starts, with Keras' messages.
 *
 * @param batchSize samples per update for arrays (Keras: None → 32); must be empty for a Sequence
 *     or generator
 * @param epochs the index of the final epoch: the loop runs {@code initialEpoch … epochs-1}
 * @param verbose 0 silent, 1 progress bar, 2 one line per epoch
 * @param callbacks run in this order, after BaseLogger and ProgbarLogger and before History
 * @param validationSplit fraction of the array samples held out from the END, before shuffling;
 *     values outside (0, 1) mean no split
 * @param validationData evaluated after each epoch that {@code validationFreq} selects; overrides
 *     validationSplit
 * @param shuffle the order of array samples each epoch; for a Sequence, {@code FALSE} reads it in
 *     index order (a Sequence shuffles only with workers &gt; 0)
 * @param classWeight class index → weight (§4), or null
 * @param sampleWeight {@code (n,)} or {@code (n, T)} weights for arrays, or null
 * @param initialEpoch the epoch to start from (resuming)
 * @param stepsPerEpoch batches per epoch; with arrays (Keras 2.3) each step feeds the whole arrays
 * @param validationSteps validation batches per validation run
 * @param validationFreq validate after epoch {@code e} (0-based) when {@code (e+1) % every == 0},
 *     or, when {@code validationEpochs} is not empty, when {@code e+1} is in it
 * @param validationEpochs the 1-based epochs after which to validate, or empty to use {@code
 *     validationFreq}
 * @param maxQueueSize batches loaded ahead of the trainer (Sequence and generators)
 * @param workers loader threads for a Sequence (generators always use one)
 * @param useMultiprocessing accepted for Keras compatibility: the JVM has no worker processes,
 *     loaders are threads either way, so this changes nothing but a warning for generators
 */
public record FitOptions(
        OptionalInt batchSize,
        int epochs,
        int verbose,
        List<Callback> callbacks,
        double validationSplit,
        @Nullable DataSource validationData,
        Shuffle shuffle,
        @Nullable Map<Integer, Double> classWeight,
        @Nullable INDArray sampleWeight,
        int initialEpoch,
        OptionalInt stepsPerEpoch,
        OptionalInt validationSteps,
        int validationFreq,
        Set<Integer> validationEpochs,
        int maxQueueSize,
        int workers,
        boolean useMultiprocessing) {

    /** Validates each argument on its own; combinations are checked when fit starts. */
    public FitOptions {
        Checks.positive("batch_size", batchSize);
        Checks.atLeast("epochs", epochs, 0);
        Checks.verbose(verbose);
        callbacks = List.copyOf(callbacks);
        Checks.atLeast("initial_epoch", initialEpoch, 0);
        Checks.positive("steps_per_epoch", stepsPerEpoch);
        Checks.positive("validation_steps", validationSteps);
        if (validationFreq < 1) {
            throw new IllegalArgumentException("`validation_freq` can not be less than 1. Received: validation_freq="
                    + validationFreq);
        }
        validationEpochs = Set.copyOf(validationEpochs);
        for (int e : validationEpochs) {
            if (e < 1) {
                throw new IllegalArgumentException("`validation_freq` can not be less than 1. Received an epoch "
                        + e + " in validation_freq=" + new TreeSet<>(validationEpochs));
            }
        }
        Checks.atLeast("max_queue_size", maxQueueSize, 1);
        Checks.atLeast("workers", workers, 0);
        classWeight = classWeight == null ? null : Map.copyOf(classWeight);
    }

    /**
     * Keras' defaults: batch_size None (32), epochs 1, verbose 1, shuffle True, validation every
     * epoch, max_queue_size 10, workers 1.
     *
     * @return the default options
     */
    public static FitOptions defaults() {
        return builder().build();
    }

    /** @return a builder with Keras' defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether validation runs after this epoch.
     *
     * @param epoch 0-based epoch
     * @return true if validationFreq selects it
     */
    public boolean validatesAfter(int epoch) {
        return validationEpochs.isEmpty() ? (epoch + 1) % validationFreq == 0 : validationEpochs.contains(epoch + 1);
    }

    /** Builder whose methods are named like Keras' fit arguments. */
    public static final class Builder {
        private OptionalInt batchSize = OptionalInt.empty();
        private int epochs = 1;
        private int verbose = 1;
        private final List<Callback> callbacks = new ArrayList<>();
        private double validationSplit;
        private @Nullable DataSource validationData;
        private Shuffle shuffle = Shuffle.TRUE;
        private @Nullable Map<Integer, Double> classWeight;
        private @Nullable INDArray sampleWeight;
        private int initialEpoch;
        private OptionalInt stepsPerEpoch = OptionalInt.empty();
        private OptionalInt validationSteps = OptionalInt.empty();
        private int validationFreq = 1;
        private Set<Integer> validationEpochs = Set.of();
        private int maxQueueSize = 10;
        private int workers = 1;
        private boolean useMultiprocessing;

        private Builder() { }

        /** @param value samples per update, at least 1 @return this builder */
        public Builder batchSize(int value) {
            this.batchSize = OptionalInt.of(value);
            return this;
        }

        /** @param value the index of the final epoch @return this builder */
        public Builder epochs(int value) {
            this.epochs = value;
            return this;
        }

        /** @param value 0, 1 or 2 @return this builder */
        public Builder verbose(int value) {
            this.verbose = value;
            return this;
        }

        /** @param values callbacks, in order @return this builder */
        public Builder callbacks(Callback... values) {
            callbacks.addAll(List.of(values));
            return this;
        }

        /** @param values callbacks, in order @return this builder */
        public Builder callbacks(List<? extends Callback> values) {
            callbacks.addAll(values);
            return this;
        }

        /** @param value fraction held out from the end of the arrays @return this builder */
        public Builder validationSplit(double value) {
            this.validationSplit = value;
            return this;
        }

        /** @param x inputs @param y targets @return this builder */
        public Builder validationData(INDArray x, INDArray y) {
            this.validationData = DataSource.of(x, y);
            return this;
        }

        /** @param x inputs @param y targets @param sampleWeight weights @return this builder */
        public Builder validationData(INDArray x, INDArray y, INDArray sampleWeight) {
            this.validationData = DataSource.of(x, y, sampleWeight);
            return this;
        }

        /**
         * Keras' tuple form: {@code (x_val, y_val)} or {@code (x_val, y_val, val_sample_weights)}.
         *
         * @param items two or three arrays
         * @return this builder
         * @throws IllegalArgumentException for any other number of items
         */
        public Builder validationData(List<INDArray> items) {
            if (items.size() == 2) {
                return validationData(items.get(0), items.get(1));
            }
            if (items.size() == 3) {
                return validationData(items.get(0), items.get(1), items.get(2));
            }
            throw new IllegalArgumentException("When passing validation_data, it must contain 2 (x_val, y_val) or 3 "
                    + "(x_val, y_val, val_sample_weights) items, however it contains " + items.size() + " items");
        }

        /** @param value a Sequence of validation batches @return this builder */
        public Builder validationData(Sequence value) {
            this.validationData = DataSource.of(value);
            return this;
        }

        /** @param value a generator of validation batches (needs validationSteps) @return this builder */
        public Builder validationData(Iterator<Batch> value) {
            this.validationData = DataSource.of(value);
            return this;
        }

        /** @param value a publisher of validation batches @return this builder */
        public Builder validationData(Publisher<Batch> value) {
            this.validationData = DataSource.of(value);
            return this;
        }

        /** @param value any validation source @return this builder */
        public Builder validationData(DataSource value) {
            this.validationData = value;
            return this;
        }

        /** @param value true (default) or false @return this builder */
        public Builder shuffle(boolean value) {
            this.shuffle = Shuffle.of(value);
            return this;
        }

        /** @param value "batch": shuffle batch-sized blocks @return this builder */
        public Builder shuffle(String value) {
            this.shuffle = Shuffle.of(value);
            return this;
        }

        /** @param value class index → weight @return this builder */
        public Builder classWeight(Map<Integer, Double> value) {
            this.classWeight = new LinkedHashMap<>(value);
            return this;
        }

        /** @param value {@code (n,)} or {@code (n, T)} @return this builder */
        public Builder sampleWeight(INDArray value) {
            this.sampleWeight = value;
            return this;
        }

        /** @param value the first epoch index @return this builder */
        public Builder initialEpoch(int value) {
            this.initialEpoch = value;
            return this;
        }

        /** @param value batches per epoch @return this builder */
        public Builder stepsPerEpoch(int value) {
            this.stepsPerEpoch = OptionalInt.of(value);
            return this;
        }

        /** @param value validation batches per run @return this builder */
        public Builder validationSteps(int value) {
            this.validationSteps = OptionalInt.of(value);
            return this;
        }

        /** @param every validate after every k-th epoch @return this builder */
        public Builder validationFreq(int every) {
            this.validationFreq = every;
            this.validationEpochs = Set.of();
            return this;
        }

        /** @param epochs the 1-based epochs after which to validate @return this builder */
        public Builder validationFreq(Set<Integer> epochs) {
            this.validationEpochs = Set.copyOf(epochs);
            this.validationFreq = 1;
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

        /** @param value accepted; no separate processes on the JVM @return this builder */
        public Builder useMultiprocessing(boolean value) {
            this.useMultiprocessing = value;
            return this;
        }

        /** @return the options */
        public FitOptions build() {
            return new FitOptions(batchSize, epochs, verbose, callbacks, validationSplit, validationData, shuffle,
                    classWeight, sampleWeight, initialEpoch, stepsPerEpoch, validationSteps, validationFreq,
                    validationEpochs, maxQueueSize, workers, useMultiprocessing);
        }
    }
}
