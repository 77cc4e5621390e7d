package io.kerflux.core.initializers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws values whose spread adapts to the weight's fans: {@code scale / n} is the variance, where
 * {@code n} is fan_in, fan_out or their mean ({@link Fans}), at least 1.
 *
 * <p>Keras equivalent: {@code keras.initializers.VarianceScaling(scale=1.0, mode='fan_in',
 * distribution='normal', seed=None)} ("variance_scaling"). Distributions:
 *
 * <ul>
 *   <li>"normal" (Keras 2.3's meaning) and "truncated_normal" (tf.keras' name for it): a normal
 *       truncated at 2 standard deviations, with stddev {@code √(scale/n) / 0.87962566103423978}
 *       so that the truncated values have standard deviation {@code √(scale/n)};
 *   <li>"untruncated_normal" (tf.keras): a normal with stddev {@code √(scale/n)};
 *   <li>"uniform": uniform in {@code [-limit, limit)} with {@code limit = √(3·scale/n)}.
 * </ul>
 *
 * <p>Mode and distribution are case-insensitive and stored in lower case, as in Keras. Example:
 * {@code VarianceScaling.builder().scale(2).mode("fan_out").distribution("uniform").build()}.
 */
public final class VarianceScaling implements Initializer {
    private static final Set<String> MODES = Set.of("fan_in", "fan_out", "fan_avg");
    private static final Set<String> DISTRIBUTIONS = Set.of("normal", "uniform", "truncated_normal", "untruncated_normal");

    private final double scale;
    private final String mode;
    private final String distribution;
    private final @Nullable Long seed;

    /** Creates the initializer with Keras' defaults (scale 1, fan_in, normal, no seed). */
    public VarianceScaling() {
        this(builder());
    }

    private VarianceScaling(Builder b) {
        if (!(b.scale > 0.0 && b.scale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("scale must be a positive float. Received: scale=" + b.scale);
        }
        String m = b.mode.toLowerCase(Locale.ROOT);
        if (!MODES.contains(m)) {
            throw new IllegalArgumentException("Invalid `mode` argument: expected one of {\"fan_in\", \"fan_out\", "
                    + "\"fan_avg\"} but got " + b.mode);
        }
        String d = b.distribution.toLowerCase(Locale.ROOT);
        if (!DISTRIBUTIONS.contains(d)) {
            throw new IllegalArgumentException("Invalid `distribution` argument: expected one of {\"normal\", "
                    + "\"uniform\", \"truncated_normal\", \"untruncated_normal\"} but got " + b.distribution);
        }
        this.scale = b.scale;
        this.mode = m;
        this.distribution = d;
        this.seed = b.seed;
    }

    /**
     * Starts a builder with Keras' defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the scaling factor */
    public double scale() {
        return scale;
    }

    /** @return "fan_in", "fan_out" or "fan_avg" */
    public String mode() {
        return mode;
    }

    /** @return "normal", "uniform", "truncated_normal" or "untruncated_normal" */
    public String distribution() {
        return distribution;
    }

    /** @return the seed, or null when drawing from the model's generator */
    public @Nullable Long seed() {
        return seed;
    }

    @Override
    public String className() {
        return "VarianceScaling";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scale", scale);
        c.put("mode", mode);
        c.put("distribution", distribution);
        c.put("seed", seed);
        return c;
    }

    @Override
    public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
        Draws.size(shape);
        Fans fans = Fans.of(shape);
        double n = switch (mode) {
            case "fan_in" -> fans.fanIn();
            case "fan_out" -> fans.fanOut();
            default -> (fans.fanIn() + fans.fanOut()) / 2;
        };
        double variance = scale / Math.max(1.0, n);
        RandomGenerator g = Draws.source(seed, rng);
        return switch (distribution) {
            case "uniform" -> {
                double limit = Math.sqrt(3.0 * variance);
                yield Draws.fill(shape, dtype, () -> limit * (2.0 * g.nextDouble() - 1.0));
            }
            case "untruncated_normal" -> {
                double stddev = Math.sqrt(variance);
                yield Draws.fill(shape, dtype, () -> stddev * g.nextGaussian());
            }
            default -> {
                double stddev = Math.sqrt(variance) / Draws.TRUNCATED_STDDEV;
                yield Draws.fill(shape, dtype, () -> stddev * Draws.truncatedGaussian(g));
            }
        };
    }

    /** Builder for VarianceScaling's Keras arguments; every method is named like the Keras argument. */
    public static final class Builder {
        private double scale = 1.0;
        private String mode = "fan_in";
        private String distribution = "normal";
        private @Nullable Long seed;

        private Builder() { }

        /**
         * Sets Keras' {@code scale} argument.
         *
         * @param value the positive scaling factor (default 1)
         * @return this builder
         */
        public Builder scale(double value) {
            this.scale = value;
            return this;
        }

        /**
         * Sets Keras' {@code mode} argument.
         *
         * @param value "fan_in" (default), "fan_out" or "fan_avg"
         * @return this builder
         */
        public Builder mode(String value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /**
         * Sets Keras' {@code distribution} argument.
         *
         * @param value "normal" (default), "uniform", "truncated_normal" or "untruncated_normal"
         * @return this builder
         */
        public Builder distribution(String value) {
            this.distribution = Objects.requireNonNull(value, "distribution");
            return this;
        }

        /**
         * Sets Keras' {@code seed} argument.
         *
         * @param value the seed, or null to draw from the model's generator (default)
         * @return this builder
         */
        public Builder seed(@Nullable Long value) {
            this.seed = value;
            return this;
        }

        /**
         * Creates the initializer.
         *
         * @return the initializer
         * @throws IllegalArgumentException if scale is not positive, or mode or distribution unknown
         */
        public VarianceScaling build() {
            return new VarianceScaling(this);
        }
    }
}
