package io.kerflux.core.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws each element uniformly from {@code [minval, maxval)}.
 *
 * <p>Keras equivalent: {@code keras.initializers.RandomUniform(minval=-0.05, maxval=0.05,
 * seed=None)} ("random_uniform", "uniform"). Example: {@code
 * RandomUniform.builder().minval(-0.1).maxval(0.1).build()}.
 */
public final class RandomUniform implements Initializer {
    private final double minval;
    private final double maxval;
    private final @Nullable Long seed;

    /** Creates the initializer with Keras' defaults ([-0.05, 0.05), no seed). */
    public RandomUniform() {
        this(builder());
    }

    private RandomUniform(Builder b) {
        this.minval = Draws.finite("minval", b.minval);
        this.maxval = Draws.finite("maxval", b.maxval);
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

    /** @return the lower bound (inclusive) */
    public double minval() {
        return minval;
    }

    /** @return the upper bound (exclusive) */
    public double maxval() {
        return maxval;
    }

    /** @return the seed, or null when drawing from the model's generator */
    public @Nullable Long seed() {
        return seed;
    }

    @Override
    public String className() {
        return "RandomUniform";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("minval", minval);
        c.put("maxval", maxval);
        c.put("seed", seed);
        return c;
    }

    @Override
    public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
        RandomGenerator g = Draws.source(seed, rng);
        double width = maxval - minval;
        return Draws.fill(shape, dtype, () -> minval + width * g.nextDouble());
    }

    /** Builder for RandomUniform's Keras arguments; every method is named like the Keras argument. */
    public static final class Builder {
        private double minval = -0.05;
        private double maxval = 0.05;
        private @Nullable Long seed;

        private Builder() { }

        /**
         * Sets Keras' {@code minval} argument.
         *
         * @param value the lower bound (default -0.05)
         * @return this builder
         */
        public Builder minval(double value) {
            this.minval = value;
            return this;
        }

        /**
         * Sets Keras' {@code maxval} argument.
         *
         * @param value the upper bound (default 0.05)
         * @return this builder
         */
        public Builder maxval(double value) {
            this.maxval = value;
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
         * @throws IllegalArgumentException if a bound is not finite
         */
        public RandomUniform build() {
            return new RandomUniform(this);
        }
    }
}
