package io.kerflux.core.training;

import io.kerflux.streams.Batch;
import io.kerflux.streams.BatchFlux;
import io.kerflux.streams.LoadOptions;
import io.kerflux.streams.Sequence;
import io.kerflux.streams.Shuffle;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import reactor.core.publisher.Flux;

/**
 * Turns a {@link DataSource} into the continuous flux of batches a run reads (the Keras data
 * adapter role), and knows how many batches make an epoch.
 */
final class Sources {
    private Sources() { }

    /**
     * A source ready to be read: its batches and its epoch length.
     *
     * @param batches the continuous flux (endless for arrays and a Sequence)
     * @param steps batches per epoch; empty means "until the flux completes" (a publisher without
     *     a step count, re-subscribed each epoch)
     * @param sequenceSize for a Sequence without a step count: re-read the size each epoch
     * @param reusable whether each read may start a new subscription without losing data (arrays,
     *     Sequence, publishers read whole) rather than continuing one (iterators, suppliers)
     * @param seed the shuffling seed of {@code batches}
     * @param restart the same batches from another seed and position, or null for a generator,
     *     which cannot be rewound
     */
    record Prepared(Flux<Batch> batches, OptionalInt steps, @Nullable Sequence sequenceSize,
            boolean reusable, long seed, @Nullable Restart restart) {

        /**
         * The source positioned at a saved place of a run; a generator stays where it is.
         *
         * @param position the seed and the batches already trained
         * @return the repositioned source
         */
        Prepared resumed(TrainingState.SourcePosition position) {
            if (restart == null) {
                return this;
            }
            return new Prepared(restart.from(position.seed(), position.batches()), steps, sequenceSize, reusable,
                    position.seed(), restart);
        }

        /** @return the number of batches of the next epoch, or empty when it runs to completion */
        OptionalInt stepsNow() {
            if (steps.isPresent()) {
                return steps;
            }
            return sequenceSize == null ? OptionalInt.empty() : OptionalInt.of(sequenceSize.size());
        }
    }

    /** Reads a source again from another seed, after a number of batches. */
    @FunctionalInterface
    interface Restart {
        Flux<Batch> from(long seed, long skip);
    }

    /**
     * Arrays sliced into batches.
     *
     * @param x inputs (standardised)
     * @param y targets, or null
     * @param weights effective weights, or null
     * @param batchSize samples per batch
     * @param shuffle order within each pass
     * @param wholeArraySteps Keras 2.3's steps with arrays: every step feeds the whole arrays
     * @param seed shuffling seed
     * @return the prepared source
     */
    static Prepared arrays(INDArray x, @Nullable INDArray y, @Nullable INDArray weights, int batchSize,
            Shuffle shuffle, OptionalInt wholeArraySteps, long seed) {
        if (wholeArraySteps.isPresent()) {
            int n = Math.toIntExact(x.size(0));
            Restart whole = (s, skip) -> BatchFlux.fromArrays(x, y, weights, Math.max(1, n), Shuffle.FALSE, s, skip);
            return new Prepared(whole.from(seed, 0), wholeArraySteps, null, true, seed, whole);
        }
        int steps = Math.toIntExact(BatchFlux.stepsPerEpoch(x.size(0), batchSize));
        Restart sliced = (s, skip) -> BatchFlux.fromArrays(x, y, weights, batchSize, shuffle, s, skip);
        return new Prepared(sliced.from(seed, 0), OptionalInt.of(steps), null, true, seed, sliced);
    }

    /**
     * A Sequence or a generator.
     *
     * @param source the source (not arrays)
     * @param steps the step count the caller gave
     * @param load loading options
     * @param seed shuffling seed for a Sequence
     * @return the prepared source
     */
    static Prepared generator(DataSource source, OptionalInt steps, LoadOptions load, long seed) {
        if (source instanceof DataSource.OfSequence s) {
            Restart sequence = (sd, skip) -> BatchFlux.fromSequence(s.sequence(), load, sd, skip);
            return new Prepared(sequence.from(seed, 0), steps, steps.isPresent() ? null : s.sequence(), true, seed,
                    sequence);
        }
        if (source instanceof DataSource.OfIterator it) {
            return new Prepared(BatchFlux.fromIterator(it.iterator(), load), steps, null, false, seed, null);
        }
        if (source instanceof DataSource.OfSupplier sup) {
            return new Prepared(BatchFlux.fromSupplier(sup.supplier(), load), steps, null, false, seed, null);
        }
        if (source instanceof DataSource.OfPublisher p) {
            return new Prepared(BatchFlux.fromPublisher(p.publisher(), load), steps, null, steps.isEmpty(), seed,
                    null);
        }
        throw new IllegalArgumentException("Arrays are prepared with Sources.arrays, not as a generator: " + source);
    }
}
