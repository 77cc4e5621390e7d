package io.kerflux.core.callbacks;

import io.kerflux.core.optimizers.Optimizer;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.IntToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Sets the learning rate at the start of every epoch from a schedule.
 *
 * <p>Keras equivalent: {@code keras.callbacks.LearningRateScheduler(schedule, verbose=0)} of
 * Keras 2.3. At each epoch begin the optimizer's rate becomes {@code schedule(epoch, lr)} (or
 * {@code schedule(epoch)}), with the 0-based epoch and the current rate; at each epoch end the
 * rate is written into the logs as "lr". With {@code verbose > 0} each epoch begin prints {@code
 * Epoch 00001: LearningRateScheduler setting learning rate to 0.1.} after an empty line.
 *
 * <pre>{@code
 * new LearningRateScheduler(epoch -> 0.1 * Math.pow(0.5, epoch));      // 0.1, 0.05, 0.025, ...
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * 0.9);
 * }</pre>
 */
public final class LearningRateScheduler extends ModelCallback {
    private final BiFunction<Integer, Double, @Nullable Double> schedule;
    private final int verbose;
    private final PrintStream out;

    /**
     * A scheduler of the epoch alone ({@code schedule(epoch)}).
     *
     * @param schedule the 0-based epoch to the rate
     */
    public LearningRateScheduler(IntToDoubleFunction schedule) {
        this(schedule, 0);
    }

    /**
     * A scheduler of the epoch alone.
     *
     * @param schedule the 0-based epoch to the rate
     * @param verbose 0 quiet, above 0 prints each new rate
     */
    public LearningRateScheduler(IntToDoubleFunction schedule, int verbose) {
        this(schedule, verbose, System.out);
    }

    /**
     * A scheduler of the epoch alone, printing to the given stream.
     *
     * @param schedule the 0-based epoch to the rate
     * @param verbose 0 quiet, above 0 prints each new rate
     * @param out where verbose messages go
     */
    public LearningRateScheduler(IntToDoubleFunction schedule, int verbose, PrintStream out) {
        this(adapt(Objects.requireNonNull(schedule, "schedule")), verbose, out);
    }

    /**
     * A scheduler of the epoch and the current rate ({@code schedule(epoch, lr)}).
     *
     * @param schedule the 0-based epoch and the current rate to the new rate
     */
    public LearningRateScheduler(BiFunction<Integer, Double, @Nullable Double> schedule) {
        this(schedule, 0);
    }

    /**
     * A scheduler of the epoch and the current rate.
     *
     * @param schedule the 0-based epoch and the current rate to the new rate
     * @param verbose 0 quiet, above 0 prints each new rate
     */
    public LearningRateScheduler(BiFunction<Integer, Double, @Nullable Double> schedule, int verbose) {
        this(schedule, verbose, System.out);
    }

    /**
     * A scheduler of the epoch and the current rate, printing to the given stream.
     *
     * @param schedule the 0-based epoch and the current rate to the new rate
     * @param verbose 0 quiet, above 0 prints each new rate
     * @param out where verbose messages go
     */
    public LearningRateScheduler(BiFunction<Integer, Double, @Nullable Double> schedule, int verbose,
            PrintStream out) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.verbose = verbose;
        this.out = Objects.requireNonNull(out, "out");
    }

    private static BiFunction<Integer, Double, @Nullable Double> adapt(IntToDoubleFunction schedule) {
        return (epoch, lr) -> schedule.applyAsDouble(epoch);
    }

    /**
     * Sets the rate for this epoch.
     *
     * @throws IllegalArgumentException if the schedule returns null or a non-finite number (Keras'
     *     ValueError), or a rate the optimizer rejects
     */
    @Override
    public void onEpochBegin(int epoch, Logs logs) {
        Optimizer optimizer = model().optimizer();
        Double lr = schedule.apply(epoch, optimizer.learningRate());
        if (lr == null || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("The output of the \"schedule\" function should be float. Received: "
                    + lr + " for epoch=" + epoch);
        }
        optimizer.learningRate(lr);
        if (verbose > 0) {
            out.print("\nEpoch " + PyFormat.epoch(epoch) + ": LearningRateScheduler setting learning rate to "
                    + PyFormat.repr(lr) + ".\n");
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        logs.put("lr", model().optimizer().learningRate());
    }
}
