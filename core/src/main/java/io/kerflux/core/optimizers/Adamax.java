package io.kerflux.core.optimizers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adamax: the variant of Adam based on the infinity norm.
 *
 * <p>Keras equivalent: {@code keras.optimizers.Adamax(learning_rate=0.002, beta_1=0.9,
 * beta_2=0.999)} of Keras 2.3. At step {@code t} (from 1): {@code m = beta1·m + (1 − beta1)·g},
 * {@code u = max(beta2·u, |g|)} and {@code p −= lr / (1 − beta1^t) · m / (u + epsilon)}.
 */
public final class Adamax extends BaseOptimizer {
    private final double beta1;
    private final double beta2;
    private double stepSize;

    /** Adamax with Keras' defaults. */
    public Adamax() {
        this(builder());
    }

    private Adamax(Builder b) {
        super(b, 2, 1);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
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
        return "Adamax";
    }

    @Override
    protected void beginStep(long t, double lr) {
        stepSize = lr / (1.0 - Math.pow(beta1, t));
    }

    @Override
    protected void update(INDArray param, INDArray grad, INDArray[] slots, INDArray[] work) {
        INDArray m = slots[0];
        INDArray u = slots[1];
        INDArray tmp = work[0];
        Updates.movingAverage(m, grad, beta1, tmp);
        Nd4j.getExecutioner().exec(new Abs(grad, tmp));
        Nd4j.exec(new Max(u.muli(beta2), tmp, u));
        Updates.descend(param, stepSize, m, u.add(epsilon(), tmp));
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("learning_rate", learningRate());
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("decay", decay());
        config.put("epsilon", epsilon());
    }

    /** Builder for {@link Adamax}; every argument defaults to Keras' value. */
    public static final class Builder extends AdaptiveBuilder<Builder> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;

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
         * Sets the decay of the infinity norm (Keras {@code beta_2}, default 0.999).
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
         * Creates the optimizer.
         *
         * @return a new Adamax optimizer with no state
         */
        public Adamax build() {
            return new Adamax(this);
        }
    }
}
