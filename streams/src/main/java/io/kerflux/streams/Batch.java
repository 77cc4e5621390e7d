package io.kerflux.streams;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of samples: the unit that flows from a source to the trainer.
 *
 * <p>Keras equivalent: the {@code (x, y)} or {@code (x, y, sample_weight)} tuple that a generator
 * or {@code keras.utils.Sequence.__getitem__} returns. The first dimension of every array is the
 * batch dimension. A batch owns native memory, so it is {@link AutoCloseable}: whoever consumes it
 * closes it once the step that used it is done, and then its acknowledgement runs (a Kafka source
 * commits the offsets of the records it came from).
 *
 * @param x inputs, shape {@code (batch, ...)}
 * @param y targets, shape {@code (batch, ...)}; null for prediction-only batches
 * @param sampleWeight one weight per sample {@code (batch,)} or per timestep {@code (batch, T)};
 *     null means weight 1 for every sample
 * @param acknowledgement what to run once the batch has been used; {@link Runnable} no-op by default
 */
public record Batch(
        INDArray x, @Nullable INDArray y, @Nullable INDArray sampleWeight, Runnable acknowledgement)
        implements AutoCloseable {

    /** A batch with the given arrays and nothing to acknowledge. */
    public Batch {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        if (y != null && y.size(0) != x.size(0)) {
            throw new IllegalArgumentException(
                    "Input arrays should have the same number of samples as target arrays. Found "
                            + x.size(0) + " input samples and " + y.size(0) + " target samples.");
        }
        if (sampleWeight != null && sampleWeight.size(0) != x.size(0)) {
            throw new IllegalArgumentException(
                    "sample_weight must have one entry per sample: expected " + x.size(0)
                            + " but got " + sampleWeight.size(0) + " (shape "
                            + java.util.Arrays.toString(sampleWeight.shape()) + ")");
        }
    }

    /**
     * A batch of inputs and targets.
     *
     * @param x inputs
     * @param y targets
     * @return the batch
     */
    public static Batch of(INDArray x, INDArray y) {
        return new Batch(x, y, null, () -> { });
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
        return new Batch(x, y, sampleWeight, () -> { });
    }

    /**
     * A batch of inputs only, for prediction.
     *
     * @param x inputs
     * @return the batch
     */
    public static Batch ofInputs(INDArray x) {
        return new Batch(x, null, null, () -> { });
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
     * The same arrays with an acknowledgement that runs when the batch is closed.
     *
     * @param ack what to run on close, after this batch's own acknowledgement
     * @return a new batch
     */
    public Batch withAcknowledgement(Runnable ack) {
        Objects.requireNonNull(ack, "ack");
        Runnable mine = acknowledgement;
        return new Batch(x, y, sampleWeight, () -> {
            mine.run();
            ack.run();
        });
    }

    /** Runs the acknowledgement. The arrays stay usable: ND4J frees them when they are unreachable. */
    @Override
    public void close() {
        acknowledgement.run();
    }
}
