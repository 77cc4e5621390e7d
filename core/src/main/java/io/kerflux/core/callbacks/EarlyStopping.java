package io.kerflux.core.callbacks;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops training when a monitored quantity has stopped improving.
 *
 * <p>Keras equivalent: {@code keras.callbacks.EarlyStopping(monitor='val_loss', min_delta=0,
 * patience=0, verbose=0, mode='auto', baseline=None, restore_best_weights=False)} of Keras 2.3
 * (KERAS_SEMANTICS.md §7.3):
 *
 * <ul>
 *   <li>mode "min" wants the quantity to go down, "max" up; "auto" maximises a monitor whose name
 *       contains "acc" and minimises anything else. An unknown mode warns and means "auto".
 *   <li>An epoch improves when it beats the best value so far by more than {@code |minDelta|}
 *       ({@code current + |minDelta| < best} in min mode). The best value starts at the baseline
 *       if given, else at ±∞; improving resets the wait and, with {@code restoreBestWeights},
 *       snapshots the weights ({@code model.getWeights()}).
 *   <li>Otherwise the wait grows by one, and once it reaches {@code patience} training stops
 *       ({@code model.stopTraining(true)}) after this epoch; with {@code restoreBestWeights} the
 *       best snapshot is put back, if there is one. Weights are restored only when this callback
 *       stops training, never when the epochs run out (keras#12511).
 *   <li>An epoch whose logs lack the monitor warns and changes nothing.
 *   <li>With {@code verbose > 0}, the end of training prints {@code Epoch 00005: early stopping}
 *       (1-based epoch). As in Keras 2.3 nothing is printed when the stop came after the first
 *       epoch (index 0).
 * </ul>
 *
 * <p>Examples: patience 1 and val_loss .5, .4, .45 stop after epoch index 2; baseline .9 with
 * patience 1 and val_acc .8 stop after the first epoch.
 */
public final class EarlyStopping extends ModelCallback {
    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final int verbose;
    private final boolean maximize;
    private final @Nullable Double baseline;
    private final boolean restoreBestWeights;
    private final PrintStream out;
    private final Warnings warnings;
    private int wait;
    private int stoppedEpoch;
    private double best;
    private @Nullable List<INDArray> bestWeights;

    /** Early stopping with Keras' defaults: monitor "val_loss", patience 0. */
    public EarlyStopping() {
        this(builder());
    }

    private EarlyStopping(Builder b) {
        this.monitor = b.monitor;
        this.minDelta = Math.abs(b.minDelta);
        this.patience = b.patience;
        this.verbose = b.verbose;
        this.baseline = b.baseline;
        this.restoreBestWeights = b.restoreBestWeights;
        this.out = b.out;
        this.warnings = new Warnings(b.warnings);
        this.maximize = MonitorMode.maximize(b.mode, monitor, "EarlyStopping mode %s is unknown, fallback to auto mode.",
                warnings);
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @return the builder, with Keras' defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onTrainBegin(Logs logs) {
        wait = 0;
        stoppedEpoch = 0;
        // A snapshot from an earlier run must not be restored into this one.
        bestWeights = null;
        best = baseline != null ? baseline : (maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        OptionalDouble value = logs.get(monitor);
        if (value.isEmpty()) {
            warnings.warn("Early stopping conditioned on metric `" + monitor + "` which is not available. "
                    + "Available metrics are: " + String.join(",", logs.keys()));
            return;
        }
        double current = value.getAsDouble();
        if (improves(current)) {
            best = current;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = epoch;
            model().stopTraining(true);
            if (restoreBestWeights && bestWeights != null) {
                if (verbose > 0) {
                    print("Restoring model weights from the end of the best epoch");
                }
                model().setWeights(bestWeights);
            }
        }
    }

    @Override
    public void onTrainEnd(Logs logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            print("Epoch " + PyFormat.epoch(stoppedEpoch) + ": early stopping");
        }
    }

    /**
     * The epoch at which this callback stopped training ({@code stopped_epoch}).
     *
     * @return the 0-based epoch index, or 0 if it did not stop training
     */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /**
     * The epochs without improvement so far ({@code wait}).
     *
     * @return the count
     */
    public int waitCount() {
        return wait;
    }

    /**
     * The best monitored value so far ({@code best}).
     *
     * @return the value; the baseline or ±∞ before the first improvement
     */
    public double best() {
        return best;
    }

    private boolean improves(double current) {
        return maximize ? current - minDelta > best : current + minDelta < best;
    }

    private void print(String line) {
        out.print(line + "\n");
        out.flush();
    }

    /** Builder for {@link EarlyStopping}; every argument defaults to Keras' value. */
    public static final class Builder {
        private String monitor = "val_loss";
        private double minDelta;
        private int patience;
        private int verbose;
        private String mode = "auto";
        private @Nullable Double baseline;
        private boolean restoreBestWeights;
        private PrintStream out = System.out;
        private PrintStream warnings = System.err;

        private Builder() { }

        /**
         * Sets the quantity to monitor (Keras {@code monitor}, default "val_loss").
         *
         * @param monitor a key of the epoch logs
         * @return this builder
         */
        public Builder monitor(String monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * Sets the smallest change that counts as an improvement (Keras {@code min_delta},
         * default 0); its sign is ignored.
         *
         * @param minDelta the threshold
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder minDelta(double minDelta) {
            this.minDelta = MonitorMode.minDelta(minDelta);
            return this;
        }

        /**
         * Sets the number of epochs without improvement after which training stops (Keras {@code
         * patience}, default 0: stop at the first epoch without improvement).
         *
         * @param patience at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder patience(int patience) {
            this.patience = MonitorMode.patience(patience);
            return this;
        }

        /**
         * Sets the verbosity (Keras {@code verbose}, default 0).
         *
         * @param verbose 0 quiet; above 0 prints when it stops and when it restores weights
         * @return this builder
         */
        public Builder verbose(int verbose) {
            this.verbose = verbose;
            return this;
        }

        /**
         * Sets the direction (Keras {@code mode}, default "auto").
         *
         * @param mode "auto", "min" or "max"; another value warns and means "auto"
         * @return this builder
         */
        public Builder mode(String mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets a value the monitor must beat (Keras {@code baseline}, default none): training
         * stops if it does not within {@code patience} epochs.
         *
         * @param baseline the value
         * @return this builder
         */
        public Builder baseline(double baseline) {
            this.baseline = baseline;
            return this;
        }

        /**
         * Whether to restore the weights of the best epoch when this callback stops training
         * (Keras {@code restore_best_weights}, default false).
         *
         * @param restore true to restore
         * @return this builder
         */
        public Builder restoreBestWeights(boolean restore) {
            this.restoreBestWeights = restore;
            return this;
        }

        /**
         * Sets where verbose messages go.
         *
         * @param out the stream, default {@code System.out}
         * @return this builder
         */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /**
         * Sets where warnings (unknown mode, missing monitor) go.
         *
         * @param warnings the stream, default {@code System.err}
         * @return this builder
         */
        public Builder warnings(PrintStream warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /** @return the callback */
        public EarlyStopping build() {
            return new EarlyStopping(this);
        }
    }
}
