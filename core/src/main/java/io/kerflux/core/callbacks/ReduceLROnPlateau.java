package io.kerflux.core.callbacks;

import io.kerflux.core.optimizers.Optimizer;
import java.io.PrintStream;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Lowers the learning rate when a monitored quantity has stopped improving.
 *
 * <p>Keras equivalent: {@code keras.callbacks.ReduceLROnPlateau(monitor='val_loss', factor=0.1,
 * patience=10, verbose=0, mode='auto', min_delta=1e-4, cooldown=0, min_lr=0)} of Keras 2.3
 * (KERAS_SEMANTICS.md §7.3). At each epoch end it first writes the current rate into the logs as
 * "lr", then, if the monitor is present:
 *
 * <ol>
 *   <li>during a cooldown, counts the cooldown down by one and resets the wait;
 *   <li>if the value beats the best by more than {@code minDelta} ({@code current < best −
 *       minDelta} in min mode, {@code current > best + minDelta} in max mode) it becomes the best
 *       and the wait resets;
 *   <li>otherwise, outside a cooldown, the wait grows by one; once it reaches {@code patience} and
 *       the rate is above {@code minLr}, the rate becomes {@code max(lr · factor, minLr)}, the
 *       cooldown starts over and the wait resets.
 * </ol>
 *
 * <p>Because the cooldown is counted down before it is tested, {@code cooldown = 1} does not delay
 * the next reduction, as in Keras. Mode "auto" maximises a monitor containing "acc"; an unknown
 * mode warns and means "auto"; a missing monitor warns. With {@code verbose > 0} each reduction
 * prints {@code Epoch 00005: ReduceLROnPlateau reducing learning rate to 0.0001.} after an empty
 * line, the rate written as Python prints a float.
 */
public final class ReduceLROnPlateau extends ModelCallback {
    private final String monitor;
    private final double factor;
    private final int patience;
    private final int verbose;
    private final boolean maximize;
    private final double minDelta;
    private final int cooldown;
    private final double minLr;
    private final PrintStream out;
    private final Warnings warnings;
    private int cooldownCounter;
    private int wait;
    private double best;

    /** A plateau reducer with Keras' defaults (monitor "val_loss", factor 0.1, patience 10). */
    public ReduceLROnPlateau() {
        this(builder());
    }

    private ReduceLROnPlateau(Builder b) {
        this.monitor = b.monitor;
        this.factor = b.factor;
        this.patience = b.patience;
        this.verbose = b.verbose;
        this.minDelta = b.minDelta;
        this.cooldown = b.cooldown;
        this.minLr = b.minLr;
        this.out = b.out;
        this.warnings = new Warnings(b.warnings);
        this.maximize = MonitorMode.maximize(b.mode, monitor,
                "Learning Rate Plateau Reducing mode %s is unknown, fallback to auto mode.", warnings);
        reset();
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @return the builder, with Keras' defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    private void reset() {
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onTrainBegin(Logs logs) {
        reset();
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        Optimizer optimizer = model().optimizer();
        logs.put("lr", optimizer.learningRate());
        OptionalDouble value = logs.get(monitor);
        if (value.isEmpty()) {
            warnings.warn("Reduce LR on plateau conditioned on metric `" + monitor + "` which is not available. "
                    + "Available metrics are: " + String.join(",", logs.keys()));
            return;
        }
        double current = value.getAsDouble();
        if (inCooldown()) {
            cooldownCounter--;
            wait = 0;
        }
        if (maximize ? current > best + minDelta : current < best - minDelta) {
            best = current;
            wait = 0;
        } else if (!inCooldown()) {
            wait++;
            if (wait >= patience) {
                double oldLr = optimizer.learningRate();
                if (oldLr > minLr) {
                    double newLr = Math.max(oldLr * factor, minLr);
                    optimizer.learningRate(newLr);
                    if (verbose > 0) {
                        out.print("\nEpoch " + PyFormat.epoch(epoch) + ": ReduceLROnPlateau reducing learning rate to "
                                + PyFormat.repr(newLr) + ".\n");
                        out.flush();
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }

    private boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** Builder for {@link ReduceLROnPlateau}; every argument defaults to Keras' value. */
    public static final class Builder {
        private String monitor = "val_loss";
        private double factor = 0.1;
        private int patience = 10;
        private int verbose;
        private String mode = "auto";
        private double minDelta = 1e-4;
        private int cooldown;
        private double minLr;
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
         * Sets the factor applied to the rate at each reduction (Keras {@code factor}, default
         * 0.1): {@code new_lr = lr · factor}.
         *
         * @param factor below 1
         * @return this builder
         * @throws IllegalArgumentException if {@code factor >= 1} (Keras' ValueError) or not finite
         */
        public Builder factor(double factor) {
            if (factor >= 1.0) {
                throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received: "
                        + "factor=" + factor);
            }
            if (!Double.isFinite(factor)) {
                throw new IllegalArgumentException("factor must be a finite number below 1.0. Received: factor="
                        + factor);
            }
            this.factor = factor;
            return this;
        }

        /**
         * Sets the number of epochs without improvement before the rate is reduced (Keras {@code
         * patience}, default 10).
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
         * @param verbose 0 quiet, above 0 prints each reduction
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
         * Sets the margin by which a value must beat the best to count as an improvement (Keras
         * {@code min_delta}, default 1e-4).
         *
         * @param minDelta the margin
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder minDelta(double minDelta) {
            this.minDelta = MonitorMode.minDelta(minDelta);
            return this;
        }

        /**
         * Sets the number of epochs after a reduction during which the wait does not grow (Keras
         * {@code cooldown}, default 0).
         *
         * @param cooldown at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder cooldown(int cooldown) {
            if (cooldown < 0) {
                throw new IllegalArgumentException("cooldown must be >= 0. Received: cooldown=" + cooldown);
            }
            this.cooldown = cooldown;
            return this;
        }

        /**
         * Sets the lower bound of the rate (Keras {@code min_lr}, default 0).
         *
         * @param minLr at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder minLr(double minLr) {
            if (!(minLr >= 0) || Double.isInfinite(minLr)) {
                throw new IllegalArgumentException("min_lr must be a finite number >= 0. Received: min_lr=" + minLr);
            }
            this.minLr = minLr;
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
        public ReduceLROnPlateau build() {
            return new ReduceLROnPlateau(this);
        }
    }
}
