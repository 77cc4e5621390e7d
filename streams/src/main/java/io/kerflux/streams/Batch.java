package io.kerflux.streams;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of samples: the unit that flows from a source to the trainer.
 *
 * <p>Keras equivalent: the {@code (x, y)} or {@code (x, y, sample_weight)} tuple that a generator
 * or {@code keras.utils.Sequence.__getitem__} returns. The first dimension of every array is the
 * batch dimension.
 *
 * <p>A batch has two hooks, each run at most once. Its <em>acknowledgement</em> runs when the step
 * that used it has been applied ({@link #acknowledge()}; a Kafka source commits the offsets of the
 * records it came from), so data is only acknowledged once it has been trained on. Its
 * <em>release</em> runs when the batch is closed ({@link #close()}), used or not: pipelines close
 * every batch they loaded, including those dropped on cancellation or error, which are released
 * but never acknowledged.
 *
 * @param x inputs, shape {@code (batch, ...)}
 * @param y targets, shape {@code (batch, ...)}; null for prediction-only batches
 * @param sampleWeight one weight per sample {@code (batch,)} or per timestep {@code (batch, T)};
 *     null means weight 1 for every sample
 * @param acknowledgement run once by {@link #acknowledge()}
 * @param release run once by {@link #close()}
 */
public record Batch(
        INDArray x,
        @Nullable INDArray y,
        @Nullable INDArray sampleWeight,
        Runnable acknowledgement,
        Runnable release)
        implements AutoCloseable {

    private static final Runnable NOTHING = () -> { };

    /** Validates the arrays and makes both hooks run at most once. */
    public Batch {
        Objects.requireNonNull(x, "x");
        acknowledgement = once(Objects.requireNonNull(acknowledgement, "acknowledgement"));
        release = once(Objects.requireNonNull(release, "release"));
        if (y != null && y.size(0) != x.size(0)) {
            throw new IllegalArgumentException(
                    "Input arrays should have the same number of samples as target arrays. Found "
                            + x.size(0) + " input samples and " + y.size(0) + " target samples.");
        }
        if (sampleWeight != null && sampleWeight.size(0) != x.size(0)) {
            throw new IllegalArgumentException(
                    "sample_weight must have one entry per sample: expected " + x.size(0)
                            + " but got " + sampleWeight.size(0) + " (shape "
                            + Arrays.toString(sampleWeight.shape()) + ")");
        }
    }

    private static Runnable once(Runnable r) {
        if (r == NOTHING) {
            return r;
        }
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
    }

    /**
     * A batch of inputs and targets.
     *
     * @param x inputs
     * @param y targets
     * @return the batch
     */
    public static Batch of(INDArray x, INDArray y) {
        return new Batch(x, y, null, NOTHING, NOTHING);
    }

    /**
     * A batch of inputs, targets and per-sample weights.
     *
     * @param x inputs
     * @param y targets
     * @param sampleWeight weights, shape {@code (batch,)} or {@code (batch, T)}
     * @return the batch
     */
    public static Batch of(INDArray x, INDArray y, INDArray sampleWeight) {
        return new Batch(x, y, sampleWeight, NOTHING, NOTHING);
    }

    /**
     * A batch of inputs only, for prediction.
     *
     * @param x inputs
     * @return the batch
     */
    public static Batch ofInputs(INDArray x) {
        return new Batch(x, null, null, NOTHING, NOTHING);
    }

    /**
     * The number of samples in this batch.
     *
     * @return the size of the first dimension of {@code x}
     */
    public long size() {
        return x.size(0);
    }

    /**
     * The same arrays with another acknowledgement added, run after this batch's own.
     *
     * @param ack what to run when the batch is acknowledged
     * @return a new batch
     */
    public Batch withAcknowledgement(Runnable ack) {
        Objects.requireNonNull(ack, "ack");
        Runnable mine = acknowledgement;
        return new Batch(x, y, sampleWeight, () -> {
            mine.run();
            ack.run();
        }, release);
    }

    /**
     * The same arrays with another release hook added, run after this batch's own.
     *
     * @param hook what to run when the batch is closed
     * @return a new batch
     */
    public Batch withRelease(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        Runnable mine = release;
        return new Batch(x, y, sampleWeight, acknowledgement, () -> {
            mine.run();
            hook.run();
        });
    }

    /** Runs the acknowledgement (once): the step that used this batch has been applied. */
    public void acknowledge() {
        acknowledgement.run();
    }

    /**
     * Runs the release hook (once). The arrays stay usable: ND4J frees them when they are
     * unreachable. Closing does not acknowledge.
     */
    @Override
    public void close() {
        release.run();
    }
}
