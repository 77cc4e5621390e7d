package io.kerflux.core.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws each element from a normal distribution truncated at 2 standard deviations.
 *
 * <p>Keras equivalent: {@code keras.initializers.TruncatedNormal(mean=0., stddev=0.05, seed=None)}
 * ("truncated_normal"). Draws further than 2 standard deviations from the mean are re-drawn, as
 * TensorFlow does, so the values have a standard deviation of about 0.88·stddev. Example: {@code
 * TruncatedNormal.builder().stddev(0.01).seed(42L).build()}.
 */
public final class TruncatedNormal implements Initializer {
    private final double mean;
    private final double stddev;
    private final @Nullable Long seed;

    /** Creates the initializer with Keras' defaults (mean 0, stddev 0.05, no seed). */
    public TruncatedNormal() {
        this(builder());
    }

    private TruncatedNormal(Builder b) {
        this.mean = Draws.finite("mean", b.mean);
        this.stddev = Draws.finite("stddev", b.stddev);
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

    /** @return the mean of the draws */
    public double mean() {
        return mean;
    }

    /** @return the standard deviation before truncation */
    public double stddev() {
        return stddev;
    }

    /** @return the seed, or null when drawing from the model's generator */
    public @Nullable Long seed() {
        return seed;
    }

    @Override
    public String className() {
        return "TruncatedNormal";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mean", mean);
        c.put("stddev", stddev);
        c.put("seed", seed);
        return c;
    }

    @Override
    public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
        RandomGenerator g = Draws.source(seed, rng);
        return Draws.fill(shape, dtype, () -> mean + stddev * Draws.truncatedGaussian(g));
    }

    /** Builder for TruncatedNormal's Keras arguments; every method is named like the Keras argument. */
    public static final class Builder {
        private double mean = 0.0;
        private double stddev = 0.05;
        private @Nullable Long seed;

        private Builder() { }

        /**
         * Sets Keras' {@code mean} argument.
         *
         * @param value the mean (default 0)
         * @return this builder
         */
        public Builder mean(double value) {
            this.mean = value;
            return this;
        }

        /**
         * Sets Keras' {@code stddev} argument.
         *
         * @param value the standard deviation (default 0.05)
         * @return this builder
         */
        public Builder stddev(double value) {
            this.stddev = value;
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
         * @throws IllegalArgumentException if mean or stddev is not finite
         */
        public TruncatedNormal build() {
            return new TruncatedNormal(this);
        }
    }
}
