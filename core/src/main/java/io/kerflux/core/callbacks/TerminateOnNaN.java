package io.kerflux.core.callbacks;

import java.io.PrintStream;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Stops training as soon as a training batch reports a NaN or infinite loss.
 *
 * <p>Keras equivalent: {@code keras.callbacks.TerminateOnNaN()}. At each training batch end whose
 * loss is NaN or ±∞ it prints {@code Batch 3: Invalid loss, terminating training} and calls {@code
 * model.stopTraining(true)}, so the epoch ends after this batch.
 */
public final class TerminateOnNaN extends ModelCallback {
    private final PrintStream out;

    /** A callback that prints to {@code System.out}. */
    public TerminateOnNaN() {
        this(System.out);
    }

    /**
     * A callback that prints to the given stream.
     *
     * @param out where the message goes
     */
    public TerminateOnNaN(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onBatchEnd(int batch, Logs logs) {
        OptionalDouble loss = logs.get("loss");
        if (loss.isPresent() && !Double.isFinite(loss.getAsDouble())) {
            out.print("Batch " + batch + ": Invalid loss, terminating training\n");
            out.flush();
            model().stopTraining(true);
        }
    }
}
