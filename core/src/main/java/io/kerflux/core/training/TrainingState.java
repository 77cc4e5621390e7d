package io.kerflux.core.training;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a fit is: the epoch, the batches trained in it, and the position of its training source.
 * A checkpoint callback reads it to save the run, and during {@code onTrainBegin} may ask the run
 * to continue from a saved position ({@link #resumeFrom}) instead of starting at its initial
 * epoch.
 *
 * <p>Keras equivalent: the training state that {@code tf.keras.callbacks.BackupAndRestore}
 * keeps (the epoch and step counters the fit loop reads back after {@code on_train_begin}).
 * Every method is called on the run's training thread.
 */
public final class TrainingState {

    /**
     * A saved position of a run.
     *
     * @param epoch the epoch to continue (0-based)
     * @param step the batches of that epoch already trained
     * @param source the training source's position
     */
    public record Position(int epoch, int step, SourcePosition source) {
        /**
         * Checks the counters.
         *
         * @throws IllegalArgumentException if a counter is negative
         */
        public Position {
            Objects.requireNonNull(source, "source");
            if (epoch < 0 || step < 0) {
                throw new IllegalArgumentException("A training position needs epoch >= 0 and step >= 0. Received: "
                        + "epoch=" + epoch + ", step=" + step);
            }
        }
    }

    /**
     * The position of a training source: the seed of its shuffling and the batches read from it
     * and trained on. An array or Sequence source restarts there exactly; a generator cannot be
     * rewound and continues with its next batch.
     *
     * @param seed the shuffling seed of the run
     * @param batches the batches trained from the source so far, over all epochs
     */
    public record SourcePosition(long seed, long batches) {
        /**
         * Checks the count.
         *
         * @throws IllegalArgumentException if {@code batches < 0}
         */
        public SourcePosition {
            if (batches < 0) {
                throw new IllegalArgumentException("A source position needs batches >= 0. Received: batches="
                        + batches);
            }
        }
    }

    private final int epochs;
    private int epoch;
    private int step;
    private long seed;
    private long batches;
    private boolean started;
    private boolean completed;
    private @Nullable Position resume;

    TrainingState(int epochs, int initialEpoch, long seed) {
        this.epochs = epochs;
        this.epoch = initialEpoch;
        this.seed = seed;
    }

    /** @return the current epoch (0-based); after an epoch ended, the epoch that ended */
    public int epoch() {
        return epoch;
    }

    /** @return the batches of the current epoch trained so far */
    public int step() {
        return step;
    }

    /**
     * The position a run restored from a checkpoint taken now continues from: after the batch
     * just trained, or at the next epoch once an epoch has ended.
     *
     * @param epochEnded whether the current epoch has run its epoch-end hooks
     * @return the position
     */
    public Position position(boolean epochEnded) {
        SourcePosition source = new SourcePosition(seed, batches);
        return epochEnded ? new Position(epoch + 1, 0, source) : new Position(epoch, step, source);
    }

    /**
     * Makes the run continue from {@code position}: its first epoch is {@code position.epoch()},
     * starting after {@code position.step()} batches, with the training source repositioned.
     *
     * @param position a position given by {@link #position(boolean)} in an earlier run of the
     *     same model and data
     * @throws IllegalStateException if called after {@code onTrainBegin}
     * @throws IllegalArgumentException if the epoch is beyond the run's {@code epochs}
     */
    public void resumeFrom(Position position) {
        if (started) {
            throw new IllegalStateException("A run can only be resumed from on_train_begin, before its first epoch.");
        }
        if (position.epoch() > epochs) {
            throw new IllegalArgumentException("Cannot resume at epoch " + position.epoch() + " of a run of epochs="
                    + epochs + ".");
        }
        resume = position;
    }

    /** @return the position asked for by {@link #resumeFrom}, consumed as the first epoch starts */
    @Nullable Position takeResume() {
        started = true;
        Position p = resume;
        resume = null;
        if (p != null) {
            epoch = p.epoch();
            step = p.step();
            seed = p.source().seed();
            batches = p.source().batches();
        }
        return p;
    }

    /**
     * @return whether the run reached its end normally (all epochs, or stopped by a callback),
     *     rather than failing or being cancelled; read it in {@code onTrainEnd}
     */
    public boolean completed() {
        return completed;
    }

    void complete() {
        completed = true;
    }

    void beginEpoch(int value, int firstStep) {
        epoch = value;
        step = firstStep;
    }

    void trained() {
        step++;
        batches++;
    }
}
