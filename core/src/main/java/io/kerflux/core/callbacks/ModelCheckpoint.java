package io.kerflux.core.callbacks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model after every {@code period} epochs, optionally only when the monitored quantity
 * improves.
 *
 * <p>Keras equivalent: {@code keras.callbacks.ModelCheckpoint(filepath, monitor='val_loss',
 * verbose=0, save_best_only=False, save_weights_only=False, mode='auto', period=1)}. The file path
 * is a Python format string filled with {@code epoch} (1-based) and the epoch logs, e.g. {@code
 * "weights.{epoch:02d}-{val_loss:.2f}.hdf5"} gives {@code weights.10-0.57.hdf5} at epoch index 9
 * with val_loss 0.5678. A path ending in {@code .keras} is saved as a Keras 3 archive, any other as
 * HDF5.
 */
public final class ModelCheckpoint extends ModelCallback {
    private static final Pattern FIELD = Pattern.compile("\\{([^{}:]*)(?::([^{}]*))?\\}");
    private static final Pattern SPEC = Pattern.compile("(0?)(\\d*)(?:\\.(\\d+))?([dfeEgs]?)");

    private final String filepath;
    private final String monitor;
    private final int verbose;
    private final boolean saveBestOnly;
    private final boolean saveWeightsOnly;
    private final boolean maximize;
    private final int period;
    private final PrintStream out;
    private final Warnings warnings;
    private double best;
    private int epochsSinceLastSave;

    /**
     * A checkpoint with Keras' defaults: monitor "val_loss", save every epoch, the whole model.
     *
     * @param filepath the path template
     */
    public ModelCheckpoint(String filepath) {
        this(builder(filepath));
    }

    private ModelCheckpoint(Builder b) {
        this.filepath = b.filepath;
        this.monitor = b.monitor;
        this.verbose = b.verbose;
        this.saveBestOnly = b.saveBestOnly;
        this.saveWeightsOnly = b.saveWeightsOnly;
        this.period = b.period;
        this.out = b.out;
        this.warnings = new Warnings(b.warnings);
        boolean auto = !b.mode.equals("min") && !b.mode.equals("max");
        this.maximize = MonitorMode.maximize(b.mode, monitor, "ModelCheckpoint mode %s is unknown, fallback to auto mode.",
                warnings) || (auto && monitor.startsWith("fmeasure"));
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /**
     * Starts a builder.
     *
     * @param filepath the path template ({@code filepath})
     * @return the builder
     */
    public static Builder builder(String filepath) {
        return new Builder(filepath);
    }

    /** @return the best monitored value so far ({@code best}); ±∞ before the first save */
    public double best() {
        return best;
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        epochsSinceLastSave++;
        if (epochsSinceLastSave < period) {
            return;
        }
        epochsSinceLastSave = 0;
        String path = format(filepath, epoch + 1, logs);
        if (!saveBestOnly) {
            if (verbose > 0) {
                print("\nEpoch " + PyFormat.epoch(epoch) + ": saving model to " + path);
            }
            save(path);
            return;
        }
        OptionalDouble value = logs.get(monitor);
        if (value.isEmpty()) {
            warnings.warn("Can save best model only with " + monitor + " available, skipping.");
            return;
        }
        double current = value.getAsDouble();
        if (maximize ? current > best : current < best) {
            if (verbose > 0) {
                print("\nEpoch " + PyFormat.epoch(epoch) + ": " + monitor + " improved from " + PyFormat.fixed(best, 5)
                        + " to " + PyFormat.fixed(current, 5) + ", saving model to " + path);
            }
            best = current;
            save(path);
        } else if (verbose > 0) {
            print("\nEpoch " + PyFormat.epoch(epoch) + ": " + monitor + " did not improve from " + PyFormat.fixed(best, 5));
        }
    }

    private void save(String path) {
        try {
            if (saveWeightsOnly) {
                model().saveWeights(Path.of(path));
            } else {
                model().save(Path.of(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not write " + path, e);
        }
    }

    private void print(String line) {
        out.print(line + "\n");
        out.flush();
    }

    /**
     * Python's {@code filepath.format(epoch=epoch, **logs)} for the fields Keras users write:
     * {@code {name}}, {@code {name:02d}}, {@code {name:.2f}}, {@code {name:.3e}}.
     *
     * @param template the path template
     * @param epoch the 1-based epoch
     * @param logs the epoch logs
     * @return the path
     * @throws IllegalArgumentException for a field that is not in the logs or an unsupported spec
     */
    static String format(String template, int epoch, Logs logs) {
        String escaped = template.replace("{{", "\u0000").replace("}}", "\u0001");
        Matcher m = FIELD.matcher(escaped);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String spec = m.group(2) == null ? "" : m.group(2);
            String text;
            if (name.equals("epoch")) {
                text = formatInt(epoch, spec, template);
            } else {
                OptionalDouble v = logs.get(name);
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("Failed to format this callback filepath: \"" + template
                            + "\". Reason: the key '" + name + "' is not in the logs " + logs.keys());
                }
                text = formatDouble(v.getAsDouble(), spec, template);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(text));
        }
        m.appendTail(sb);
        return sb.toString().replace('\u0000', '{').replace('\u0001', '}');
    }

    private static String formatInt(int value, String spec, String template) {
        Matcher s = SPEC.matcher(spec);
        if (!s.matches() || s.group(3) != null || !(s.group(4).isEmpty() || s.group(4).equals("d"))) {
            return formatDouble(value, spec, template);
        }
        return pad(Integer.toString(value), s.group(1), s.group(2));
    }

    private static String formatDouble(double value, String spec, String template) {
        Matcher s = SPEC.matcher(spec);
        if (!s.matches()) {
            throw unsupported(spec, template);
        }
        String type = s.group(4);
        Integer precision = s.group(3) == null ? null : Integer.valueOf(s.group(3));
        String text = switch (type) {
            case "f" -> PyFormat.fixed(value, precision == null ? 6 : precision);
            case "e" -> PyFormat.scientific(value, precision == null ? 6 : precision);
            case "E" -> PyFormat.scientific(value, precision == null ? 6 : precision).toUpperCase(java.util.Locale.ROOT);
            case "" -> {
                if (precision != null) {
                    throw unsupported(spec, template);
                }
                yield PyFormat.repr(value);
            }
            // Python: "Unknown format code 'd' for object of type 'float'"
            default -> throw unsupported(spec, template);
        };
        return pad(text, s.group(1), s.group(2));
    }

    private static String pad(String text, String zero, String width) {
        if (width.isEmpty() || text.length() >= Integer.parseInt(width)) {
            return text;
        }
        int n = Integer.parseInt(width) - text.length();
        if (zero.isEmpty()) {
            return " ".repeat(n) + text;
        }
        return text.startsWith("-") ? "-" + "0".repeat(n) + text.substring(1) : "0".repeat(n) + text;
    }

    private static IllegalArgumentException unsupported(String spec, String template) {
        return new IllegalArgumentException("Unsupported format spec ':" + spec + "' in filepath \"" + template
                + "\"; use d for epoch, f or e (with a precision) for log values");
    }

    /** Builder for {@link ModelCheckpoint}; every argument defaults to Keras' value. */
    public static final class Builder {
        private final String filepath;
        private String monitor = "val_loss";
        private int verbose;
        private boolean saveBestOnly;
        private boolean saveWeightsOnly;
        private String mode = "auto";
        private int period = 1;
        private PrintStream out = System.out;
        private PrintStream warnings = System.err;

        private Builder(String filepath) {
            this.filepath = Objects.requireNonNull(filepath, "filepath");
        }

        /** @param value the quantity compared by saveBestOnly (default "val_loss") @return this builder */
        public Builder monitor(String value) {
            this.monitor = Objects.requireNonNull(value, "monitor");
            return this;
        }

        /** @param value 0 silent (default), 1 prints a line per save @return this builder */
        public Builder verbose(int value) {
            this.verbose = value;
            return this;
        }

        /** @param value save only when the monitored quantity improves (default false) @return this builder */
        public Builder saveBestOnly(boolean value) {
            this.saveBestOnly = value;
            return this;
        }

        /** @param value save only the weights, as {@code save_weights} does (default false) @return this builder */
        public Builder saveWeightsOnly(boolean value) {
            this.saveWeightsOnly = value;
            return this;
        }

        /**
         * Sets whether a lower or a higher value is better.
         *
         * @param value "auto" (default: max when the monitor contains "acc" or starts with
         *     "fmeasure"), "min" or "max"; anything else warns and falls back to auto
         * @return this builder
         */
        public Builder mode(String value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /**
         * Sets the number of epochs between checkpoints ({@code period}, default 1); as in Keras,
         * values below 1 save every epoch.
         *
         * @param value the number of epochs
         * @return this builder
         */
        public Builder period(int value) {
            this.period = value;
            return this;
        }

        /** @param value where verbose lines go (default System.out) @return this builder */
        public Builder out(PrintStream value) {
            this.out = Objects.requireNonNull(value, "out");
            return this;
        }

        /** @param value where warnings go (default System.err) @return this builder */
        public Builder warnings(PrintStream value) {
            this.warnings = Objects.requireNonNull(value, "warnings");
            return this;
        }

        /** @return the callback */
        public ModelCheckpoint build() {
            return new ModelCheckpoint(this);
        }
    }
}
