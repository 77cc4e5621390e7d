package io.kerflux.core.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Moves the L2 norm of each weight vector into {@code [minValue, maxValue]}, fully or by a rate.
 *
 * <p>Keras equivalent: {@code keras.constraints.MinMaxNorm(min_value=0.0, max_value=1.0, rate=1.0,
 * axis=0)} ("min_max_norm"): {@code w ← w · desired / (ε + ‖w‖)} with {@code desired = rate ·
 * clip(‖w‖, min_value, max_value) + (1 − rate) · ‖w‖} and ε = 1e-7. Rate 1 enforces the bounds at
 * once; a smaller rate moves the norms towards them at each update. Example: {@code
 * MinMaxNorm.builder().minValue(0.5).maxValue(2).axis(0, 1, 2).build()}.
 */
public final class MinMaxNorm implements Constraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int[] axis;

    /** Creates the constraint with Keras' defaults (norms in [0, 1], rate 1, axis 0). */
    public MinMaxNorm() {
        this(builder());
    }

    private MinMaxNorm(Builder b) {
        if (!(b.minValue >= 0.0 && b.minValue <= b.maxValue && b.maxValue < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("min_value and max_value must satisfy 0 <= min_value <= max_value."
                    + " Received: min_value=" + b.minValue + ", max_value=" + b.maxValue);
        }
        if (!(b.rate >= 0.0 && b.rate <= 1.0)) {
            throw new IllegalArgumentException("rate must be between 0 and 1. Received: rate=" + b.rate);
        }
        this.minValue = b.minValue;
        this.maxValue = b.maxValue;
        this.rate = b.rate;
        this.axis = NormAxes.copy(b.axis);
    }

    /**
     * Starts a builder with Keras' defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the smallest norm */
    public double minValue() {
        return minValue;
    }

    /** @return the largest norm */
    public double maxValue() {
        return maxValue;
    }

    /** @return how far the norms move into the bounds per update */
    public double rate() {
        return rate;
    }

    /** @return the axes the norms are taken along */
    public int[] axis() {
        return axis.clone();
    }

    @Override
    public String className() {
        return "MinMaxNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("min_value", minValue);
        c.put("max_value", maxValue);
        c.put("rate", rate);
        c.put("axis", NormAxes.config(axis));
        return c;
    }

    @Override
    public void apply(INDArray w) {
        INDArray norms = NormAxes.norms(w, axis);
        INDArray desired = Transforms.min(Transforms.max(norms, minValue, true), maxValue, false).muli(rate);
        desired.addi(norms.mul(1.0 - rate));
        w.muli(desired.divi(norms.addi(NormAxes.EPSILON)));
    }

    /** Builder for MinMaxNorm's Keras arguments; every method is named like the Keras argument. */
    public static final class Builder {
        private double minValue = 0.0;
        private double maxValue = 1.0;
        private double rate = 1.0;
        private int[] axis = {0};

        private Builder() { }

        /**
         * Sets Keras' {@code min_value} argument.
         *
         * @param value the smallest norm (default 0)
         * @return this builder
         */
        public Builder minValue(double value) {
            this.minValue = value;
            return this;
        }

        /**
         * Sets Keras' {@code max_value} argument.
         *
         * @param value the largest norm (default 1)
         * @return this builder
         */
        public Builder maxValue(double value) {
            this.maxValue = value;
            return this;
        }

        /**
         * Sets Keras' {@code rate} argument.
         *
         * @param value how far to move the norms into the bounds per update, in [0, 1] (default 1)
         * @return this builder
         */
        public Builder rate(double value) {
            this.rate = value;
            return this;
        }

        /**
         * Sets Keras' {@code axis} argument.
         *
         * @param value the axes the norms are taken along (default 0)
         * @return this builder
         */
        public Builder axis(int... value) {
            this.axis = value.clone();
            return this;
        }

        /**
         * Creates the constraint.
         *
         * @return the constraint
         * @throws IllegalArgumentException unless 0 ≤ minValue ≤ maxValue, 0 ≤ rate ≤ 1 and an axis is given
         */
        public MinMaxNorm build() {
            return new MinMaxNorm(this);
        }
    }
}
