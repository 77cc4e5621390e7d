package io.kerflux.core.callbacks;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A text progress bar, as Keras prints during fit and evaluate.
 *
 * <p>Keras equivalent: {@code keras.utils.Progbar(target, width=30, verbose=1, interval=0.05,
 * stateful_metrics=None)} of Keras 2.3, with the same text (KERAS_SEMANTICS.md §10):
 *
 * <pre>
 * 45/60 [=====================&gt;........] - ETA: 0s - loss: 0.6990 - accuracy: 0.5312
 * 60/60 [==============================] - 0s 2ms/step - loss: 0.6931 - accuracy: 0.5125
 * </pre>
 *
 * <ul>
 *   <li>verbose 1 on an interactive terminal ({@code dynamicDisplay}) draws the bar on every
 *       update, at most once per {@code interval} seconds except for the final update, each draw
 *       going back over the previous one with backspaces and {@code \r}; a line shorter than the
 *       previous one is padded with spaces. When the output is not a terminal (a log file, CI)
 *       only the final line is printed: Keras 2.3 printed every update on a new line, which fills
 *       logs with hundreds of lines per epoch. The final line ends with a newline.
 *   <li>verbose 2 prints only the final update: {@code  - 0s - loss: 0.6931 - accuracy: 0.5125}.
 *   <li>verbose 0 prints nothing.
 * </ul>
 *
 * <p>A value whose name is not stateful is shown as its running mean, each update weighted by
 * the number of steps it advanced ({@code current − previous current}); a stateful value is shown
 * as given. Values print as {@code %.4f}, or {@code %.4e} when {@code |v| <= 1e-3}. As in Keras
 * 2.3, verbose 2 tests {@code v > 1e-3} without the absolute value, so a negative value prints in
 * scientific notation there. An unknown target draws {@code      37/Unknown} and always shows the
 * elapsed time and time per step instead of an ETA.
 *
 * <p>Kerflux addition: {@link #update(long, List, boolean)} can mark the final update (tf.keras'
 * {@code finalize}), which a bar with an unknown target needs to end its line; by default an
 * update is final when it reaches a known target, as in Keras 2.3. With an unknown target, verbose
 * 2 prints only the final update (tf.keras; Keras 2.3 printed every update).
 */
public final class Progbar {
    private final OptionalLong target;
    private final int width;
    private final int verbose;
    private final double interval;
    private final Set<String> statefulMetrics;
    private final PrintStream out;
    private final boolean dynamicDisplay;
    private final LongSupplier nanoTime;
    private final long start;
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private long seenSoFar;
    private int totalWidth;
    private long lastUpdate;
    private boolean updatedOnce;

    private Progbar(Builder b) {
        this.target = b.target;
        this.width = b.width;
        this.verbose = b.verbose;
        this.interval = b.interval;
        this.statefulMetrics = b.statefulMetrics;
        this.out = b.out;
        this.dynamicDisplay = b.dynamicDisplay;
        this.nanoTime = b.nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /**
     * Starts a builder for a bar with a known target.
     *
     * @param target the total number of steps (or samples), at least 1
     * @return the builder, with Keras' defaults
     * @throws IllegalArgumentException if the target is below 1
     */
    public static Builder builder(long target) {
        return builder(OptionalLong.of(target));
    }

    /**
     * Starts a builder ({@code Progbar(target)}).
     *
     * @param target the total number of steps (or samples), at least 1, or empty when unknown
     * @return the builder, with Keras' defaults
     * @throws IllegalArgumentException if the target is below 1
     */
    public static Builder builder(OptionalLong target) {
        return new Builder(target);
    }

    /**
     * Moves the bar to {@code current} ({@code update(current, values)}).
     *
     * @param current the number of steps (or samples) done
     * @param newValues {@code (name, value)} pairs for the steps since the last update; a name may
     *     repeat, each pair counts
     */
    public void update(long current, List<Map.Entry<String, Double>> newValues) {
        update(current, newValues, target.isPresent() && current >= target.getAsLong());
    }

    /**
     * Moves the bar to {@code current}, stating whether this is the last update.
     *
     * @param current the number of steps (or samples) done
     * @param newValues {@code (name, value)} pairs for the steps since the last update
     * @param finalize true for the last update: never throttled, shows the time per step, ends the
     *     line
     */
    public void update(long current, List<Map.Entry<String, Double>> newValues, boolean finalize) {
        for (Map.Entry<String, Double> e : newValues) {
            String k = e.getKey();
            double v = e.getValue();
            if (statefulMetrics.contains(k)) {
                // Keras keeps stateful values as a mean of one value so they print with the same format.
                values.put(k, new double[] {v, 1});
            } else {
                long steps = current - seenSoFar;
                double[] acc = values.get(k);
                if (acc == null) {
                    values.put(k, new double[] {v * steps, steps});
                } else {
                    acc[0] += v * steps;
                    acc[1] += steps;
                }
            }
        }
        seenSoFar = current;
        long now = nanoTime.getAsLong();
        String elapsed = " - " + PyFormat.fixed(seconds(now - start), 0) + "s";
        if (verbose == 1) {
            boolean last = finalize || (target.isPresent() && !isBefore(current));
            if (!dynamicDisplay && !last) {
                return;
            }
            if (updatedOnce && seconds(now - lastUpdate) < interval && !last) {
                return;
            }
            drawLine(current, now, elapsed, finalize);
        } else if (verbose == 2 && finalize) {
            StringBuilder info = new StringBuilder(elapsed);
            appendValues(info, false);
            out.print(info.append('\n'));
            out.flush();
        }
        lastUpdate = now;
        updatedOnce = true;
    }

    /**
     * Advances the bar by {@code n} ({@code add(n, values)}).
     *
     * @param n the number of steps (or samples) done since the last update
     * @param newValues {@code (name, value)} pairs for those steps
     */
    public void add(long n, List<Map.Entry<String, Double>> newValues) {
        update(seenSoFar + n, newValues);
    }

    private void drawLine(long current, long now, String elapsed, boolean finalize) {
        int previousWidth = totalWidth;
        StringBuilder line = new StringBuilder();
        if (dynamicDisplay) {
            line.append("\b".repeat(previousWidth)).append('\r');
        }
        String bar = bar(current);
        totalWidth = bar.length();
        line.append(bar);

        double timePerUnit = current != 0 ? seconds(now - start) / current : 0;
        StringBuilder info = new StringBuilder();
        if (isBefore(current) && !finalize) {
            double eta = timePerUnit * (target.getAsLong() - current);
            info.append(" - ETA: ").append(eta(eta));
        } else {
            info.append(elapsed).append(' ').append(perStep(timePerUnit));
        }
        appendValues(info, true);
        totalWidth += info.length();
        if (previousWidth > totalWidth) {
            info.append(" ".repeat(previousWidth - totalWidth));
        }
        if (finalize) {
            info.append('\n');
        }
        out.print(line.append(info));
        out.flush();
    }

    private String bar(long current) {
        if (target.isEmpty()) {
            return pad(Long.toString(current), 7) + "/Unknown";
        }
        long t = target.getAsLong();
        StringBuilder bar = new StringBuilder();
        bar.append(pad(Long.toString(current), Long.toString(t).length())).append('/').append(t).append(" [");
        int progWidth = (int) (width * ((double) current / t));
        if (progWidth > 0) {
            bar.append("=".repeat(progWidth - 1)).append(current < t ? '>' : '=');
        }
        bar.append(".".repeat(Math.max(0, width - progWidth))).append(']');
        return bar.toString();
    }

    private static String eta(double eta) {
        if (eta > 3600) {
            return (long) Math.floor(eta / 3600) + ":" + twoDigits(Math.floor((eta % 3600) / 60)) + ":"
                    + twoDigits(eta % 60);
        }
        if (eta > 60) {
            return (long) Math.floor(eta / 60) + ":" + twoDigits(eta % 60);
        }
        return (long) eta + "s";
    }

    private static String perStep(double timePerUnit) {
        if (timePerUnit >= 1) {
            return PyFormat.fixed(timePerUnit, 0) + "s/step";
        }
        if (timePerUnit >= 1e-3) {
            return PyFormat.fixed(timePerUnit * 1e3, 0) + "ms/step";
        }
        return PyFormat.fixed(timePerUnit * 1e6, 0) + "us/step";
    }

    private void appendValues(StringBuilder info, boolean absoluteThreshold) {
        values.forEach((k, acc) -> {
            double avg = acc[0] / Math.max(1, acc[1]);
            boolean plain = absoluteThreshold ? Math.abs(avg) > 1e-3 : avg > 1e-3;
            info.append(" - ").append(k).append(": ")
                    .append(plain ? PyFormat.fixed(avg, 4) : PyFormat.scientific(avg, 4));
        });
    }

    private boolean isBefore(long current) {
        return target.isPresent() && current < target.getAsLong();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String twoDigits(double v) {
        return pad(Long.toString((long) v), 2).replace(' ', '0');
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Builder for {@link Progbar}; every argument defaults to Keras' value. */
    public static final class Builder {
        private final OptionalLong target;
        private int width = 30;
        private int verbose = 1;
        private double interval = 0.05;
        private Set<String> statefulMetrics = Set.of();
        private PrintStream out = System.out;
        private boolean dynamicDisplay = System.console() != null;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(OptionalLong target) {
            Objects.requireNonNull(target, "target");
            if (target.isPresent() && target.getAsLong() < 1) {
                throw new IllegalArgumentException("target must be at least 1, or unknown. Received: target="
                        + target.getAsLong());
            }
            this.target = target;
        }

        /**
         * Sets the bar's width in characters (Keras {@code width}, default 30).
         *
         * @param width at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder width(int width) {
            if (width < 1) {
                throw new IllegalArgumentException("width must be at least 1. Received: width=" + width);
            }
            this.width = width;
            return this;
        }

        /**
         * Sets the verbosity (Keras {@code verbose}, default 1).
         *
         * @param verbose 0 silent, 1 progress bar, 2 one line at the end
         * @return this builder
         * @throws IllegalArgumentException if not 0, 1 or 2
         */
        public Builder verbose(int verbose) {
            if (verbose < 0 || verbose > 2) {
                throw new IllegalArgumentException("verbose must be 0, 1 or 2. Received: verbose=" + verbose);
            }
            this.verbose = verbose;
            return this;
        }

        /**
         * Sets the minimum time between two drawings (Keras {@code interval}, default 0.05).
         *
         * @param seconds at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder interval(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("interval must be a finite number of seconds >= 0. Received: "
                        + "interval=" + seconds);
            }
            this.interval = seconds;
            return this;
        }

        /**
         * Sets the names shown as given rather than averaged (Keras {@code stateful_metrics}).
         *
         * @param names the stateful names
         * @return this builder
         */
        public Builder statefulMetrics(Set<String> names) {
            this.statefulMetrics = Set.copyOf(names);
            return this;
        }

        /**
         * Sets where the bar is printed (Keras: {@code sys.stdout}).
         *
         * @param out the stream, default {@code System.out}
         * @return this builder
         */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /**
         * Sets whether the output is an interactive terminal that can redraw a line (Keras: {@code
         * sys.stdout.isatty()}).
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

        /**
         * Builds the bar; its clock starts now.
         *
         * @return the bar
         */
        public Progbar build() {
            return new Progbar(this);
        }
    }
}
