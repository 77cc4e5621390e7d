package io.kerflux.core.callbacks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Prints the epoch header and a {@link Progbar} per epoch during fit.
 *
 * <p>Keras equivalent: {@code keras.callbacks.ProgbarLogger(count_mode='samples',
 * stateful_metrics=None)}, which fit adds when {@code verbose > 0}. At each epoch begin it prints
 * {@code Epoch 1/2} (1-based) and starts a bar whose target is {@link TrainingParams#samples()}
 * ("samples" mode) or {@link TrainingParams#steps()} ("steps" mode). After each training batch
 * except the last it moves the bar by the batch's {@code size} (or by 1 step) with the batch's
 * values for the names in {@link TrainingParams#metrics()}; the epoch end draws the final line
 * with the epoch values, {@code val_*} included. The verbosity comes from {@link
 * TrainingParams#verbose()}: 1 draws the bar, 2 prints the header and one line per epoch.
 *
 * <p>As in Keras 2.3, the final update carries the last batch's values and then the epoch's, both
 * weighted by the last batch's size; since the epoch loss is the size-weighted mean of the batch
 * losses, the loss shown at the end equals the epoch loss. The epoch end always ends the line,
 * also when a stop request cut the epoch short (Keras 2.3 left that line unfinished). When the
 * target is unknown (a source of unknown length; Keras 2.3 fails there) every batch moves the bar
 * and the epoch end finalizes it.
 */
public final class ProgbarLogger implements Callback {
    private final boolean useSteps;
    private final @Nullable Set<String> explicitStateful;
    private final PrintStream out;
    private final boolean dynamicDisplay;
    private final LongSupplier nanoTime;
    private @Nullable TrainingParams params;
    private Set<String> stateful = Set.of();
    private int verbose;
    private OptionalLong target = OptionalLong.empty();
    private @Nullable Progbar progbar;
    private long seen;
    private List<Map.Entry<String, Double>> logValues = new ArrayList<>();

    /** A logger counting samples, the stateful names taken from the run (as fit does). */
    public ProgbarLogger() {
        this(builder());
    }

    /**
     * A logger ({@code ProgbarLogger(count_mode)}).
     *
     * @param countMode "samples" or "steps": whether the bar counts samples or batches
     * @throws IllegalArgumentException for any other mode
     */
    public ProgbarLogger(String countMode) {
        this(builder().countMode(countMode));
    }

    private ProgbarLogger(Builder b) {
        this.useSteps = b.useSteps;
        this.explicitStateful = b.statefulMetrics;
        this.out = b.out;
        this.dynamicDisplay = b.dynamicDisplay;
        this.nanoTime = b.nanoTime;
    }

    /**
     * Starts a builder for the Keras arguments and the output settings.
     *
     * @return the builder, with Keras' defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void setParams(TrainingParams params) {
        this.params = params;
        Set<String> names = new HashSet<>(
                explicitStateful != null ? explicitStateful : BaseLogger.derivedStateful(params));
        if (params.doValidation()) {
            // Validation values arrive once, at epoch end; Keras 2.3 weights that single value by the
            // last batch's size, which shows it as given. Marking them stateful shows them as given
            // also when that weight is 0 (unknown target: the bar already counted the last batch).
            List<String> all = params.metrics();
            names.addAll(all.subList(all.size() / 2, all.size()));
        }
        this.stateful = Set.copyOf(names);
    }

    @Override
    public void onTrainBegin(Logs logs) {
        verbose = requireParams().verbose();
    }

    @Override
    public void onEpochBegin(int epoch, Logs logs) {
        TrainingParams p = requireParams();
        if (verbose != 0) {
            out.print("Epoch " + (epoch + 1) + "/" + p.epochs() + "\n");
            target = useSteps ? p.steps() : p.samples();
            progbar = Progbar.builder(target).verbose(verbose).statefulMetrics(stateful).out(out)
                    .dynamicDisplay(dynamicDisplay).nanoTime(nanoTime).build();
        }
        seen = 0;
    }

    @Override
    public void onBatchBegin(int batch, Logs logs) {
        if (isBeforeTarget()) {
            logValues = new ArrayList<>();
        }
    }

    @Override
    public void onBatchEnd(int batch, Logs logs) {
        seen += useSteps ? 1 : (long) logs.get("size").orElse(0);
        collect(logs);
        // The last batch is drawn by onEpochEnd, together with the validation values.
        if (progbar != null && isBeforeTarget()) {
            progbar.update(seen, logValues);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        collect(logs);
        if (progbar != null) {
            progbar.update(seen, logValues, true);
        }
    }

    private void collect(Logs logs) {
        for (String k : requireParams().metrics()) {
            logs.get(k).ifPresent(v -> logValues.add(Map.entry(k, v)));
        }
    }

    private boolean isBeforeTarget() {
        return target.isEmpty() || seen < target.getAsLong();
    }

    private TrainingParams requireParams() {
        if (params == null) {
            throw new IllegalStateException("ProgbarLogger has no parameters: call setParams(params) before the hooks "
                    + "(fit does this).");
        }
        return params;
    }

    /** Builder for {@link ProgbarLogger}. */
    public static final class Builder {
        private boolean useSteps;
        private @Nullable Set<String> statefulMetrics;
        private PrintStream out = System.out;
        private boolean dynamicDisplay = System.console() != null;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() { }

        /**
         * Sets what the bar counts (Keras {@code count_mode}, default "samples").
         *
         * @param countMode "samples" or "steps"
         * @return this builder
         * @throws IllegalArgumentException for any other mode
         */
        public Builder countMode(String countMode) {
            switch (Objects.requireNonNull(countMode, "countMode")) {
                case "samples" -> useSteps = false;
                case "steps" -> useSteps = true;
                default -> throw new IllegalArgumentException("Unknown `count_mode`: " + countMode
                        + ". Expected \"samples\" or \"steps\".");
            }
            return this;
        }

        /**
         * Sets the names shown as given rather than averaged (Keras {@code stateful_metrics});
         * by default the run's compiled metrics, as fit passes them.
         *
         * @param names the stateful names
         * @return this builder
         */
        public Builder statefulMetrics(Set<String> names) {
            this.statefulMetrics = Set.copyOf(names);
            return this;
        }

        /**
         * Sets where the text goes (Keras: {@code sys.stdout}).
         *
         * @param out the stream, default {@code System.out}
         * @return this builder
         */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /**
         * Sets whether the output is an interactive terminal (see {@link
         * Progbar.Builder#dynamicDisplay}).
         *
         * @param dynamic true to redraw in place; default: whether the JVM has a console
         * @return this builder
         */
        public Builder dynamicDisplay(boolean dynamic) {
            this.dynamicDisplay = dynamic;
            return this;
        }

        /**
         * Sets the clock, for tests.
         *
         * @param nanoTime a monotonic time in nanoseconds, default {@code System::nanoTime}
         * @return this builder
         */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** @return the logger */
        public ProgbarLogger build() {
            return new ProgbarLogger(this);
        }
    }
}
