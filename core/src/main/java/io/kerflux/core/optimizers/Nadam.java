package io.kerflux.core.optimizers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Nadam: Adam with Nesterov momentum and a warming momentum schedule.
 *
 * <p>Keras equivalent: {@code keras.optimizers.Nadam(learning_rate=0.002, beta_1=0.9,
 * beta_2=0.999, schedule_decay=0.004)} of Keras 2.3, which takes no {@code decay}. At step {@code t}
 * (from 1): {@code mu_t = beta1·(1 − ½·0.96^(t·schedule_decay))}, the schedule {@code S_t = mu_1 ·…·
 * mu_t}, {@code m = beta1·m + (1 − beta1)·g}, {@code v = beta2·v + (1 − beta2)·g²} and {@code p −=
 * lr·((1 − mu_t)·g / (1 − S_t) + mu_{t+1}·m / (1 − S_t·mu_{t+1})) / (√(v / (1 − beta2^t)) +
 * epsilon)}. The schedule product is state: {@link #getWeights()} stores it after {@code iterations},
 * as Keras' {@code m_schedule}.
 */
public final class Nadam extends BaseOptimizer {
    private final double beta1;
    private final double beta2;
    private final double scheduleDecay;
    private double mSchedule = 1.0;
    private double lr;
    private double gradCoefficient;
    private double momentCoefficient;
    private double secondCorrection;

    /** Nadam with Keras' defaults. */
    public Nadam() {
        this(builder());
    }

    private Nadam(Builder b) {
        super(b, 2, 2);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.scheduleDecay = b.scheduleDecay;
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
    public String className() {
        return "Nadam";
    }

    @Override
    protected void beginStep(long t, double lr) {
        double momentumNow = beta1 * (1.0 - 0.5 * Math.pow(0.96, t * scheduleDecay));
        double momentumNext = beta1 * (1.0 - 0.5 * Math.pow(0.96, (t + 1) * scheduleDecay));
        double scheduleNow = mSchedule * momentumNow;
        double scheduleNext = scheduleNow * momentumNext;
        mSchedule = scheduleNow;
        this.lr = lr;
        gradCoefficient = (1.0 - momentumNow) / (1.0 - scheduleNow);
        momentCoefficient = momentumNext / (1.0 - scheduleNext);
        secondCorrection = 1.0 - Math.pow(beta2, t);
    }

    @Override
    protected void update(INDArray param, INDArray grad, INDArray[] slots, INDArray[] work) {
        INDArray m = slots[0];
        INDArray v = slots[1];
        INDArray numerator = work[0];
        INDArray tmp = work[1];
        Updates.movingAverage(m, grad, beta1, numerator);
        Updates.movingAverageOfSquares(v, grad, beta2, numerator);
        grad.mul(gradCoefficient, numerator).addi(m.mul(momentCoefficient, tmp));
        Updates.descend(param, lr, numerator, Updates.sqrtPlus(v.div(secondCorrection, tmp), epsilon(), tmp));
    }

    @Override
    protected double[] scalarState() {
        return new double[] {mSchedule};
    }

    @Override
    protected void restoreScalarState(double[] values) {
        mSchedule = values[0];
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("learning_rate", learningRate());
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon());
        config.put("schedule_decay", scheduleDecay);
    }

    /** Builder for {@link Nadam}; every argument defaults to Keras' value. */
    public static final class Builder extends BaseOptimizer.Builder<Builder> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double scheduleDecay = 0.004;

        private Builder() {
            super(0.002);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the decay of the first-moment average (Keras {@code beta_1}, default 0.9).
         *
         * @param beta1 in {@code [0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder beta1(double beta1) {
            this.beta1 = HyperParameters.halfOpenUnit("beta1", beta1);
            return this;
        }

        /**
         * Sets the decay of the second-moment average (Keras {@code beta_2}, default 0.999).
         *
         * @param beta2 in {@code [0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder beta2(double beta2) {
            this.beta2 = HyperParameters.halfOpenUnit("beta2", beta2);
            return this;
        }

        /**
         * Sets the fuzz factor of the denominator (Keras {@code epsilon}, default {@code
         * K.epsilon() = 1e-7}).
         *
         * @param epsilon finite, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder epsilon(double epsilon) {
            setEpsilon(epsilon);
            return this;
        }

        /**
         * Sets how fast the momentum schedule warms up (Keras {@code schedule_decay}, default
         * 0.004).
         *
         * @param scheduleDecay finite, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder scheduleDecay(double scheduleDecay) {
            this.scheduleDecay = HyperParameters.nonNegative("scheduleDecay", scheduleDecay);
            return this;
        }

        /**
         * Creates the optimizer.
         *
         * @return a new Nadam optimizer with no state
         */
        public Nadam build() {
            return new Nadam(this);
        }
    }
}
