package io.kerflux.core.optimizers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSprop: divides the gradient by a running root mean square of recent gradients.
 *
 * <p>Keras equivalent: {@code keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9)} of Keras
 * 2.3. Each step computes {@code a = rho·a + (1 − rho)·g²} and {@code p −= lr·g / (√a + epsilon)};
 * epsilon stays outside the root, unlike tf.keras.
 */
public final class RMSprop extends BaseOptimizer {
    private final double rho;
    private double lr;

    /** RMSprop with Keras' defaults. */
    public RMSprop() {
        this(builder());
    }

    private RMSprop(Builder b) {
        super(b, 1, 1);
        this.rho = b.rho;
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
        return "RMSprop";
    }

    @Override
    protected void beginStep(long t, double lr) {
        this.lr = lr;
    }

    @Override
    protected void update(INDArray param, INDArray grad, INDArray[] slots, INDArray[] work) {
        INDArray accumulator = slots[0];
        Updates.movingAverageOfSquares(accumulator, grad, rho, work[0]);
        Updates.descend(param, lr, grad, Updates.sqrtPlus(accumulator, epsilon(), work[0]));
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("learning_rate", learningRate());
        config.put("rho", rho);
        config.put("decay", decay());
        config.put("epsilon", epsilon());
    }

    /** Builder for {@link RMSprop}; every argument defaults to Keras' value. */
    public static final class Builder extends AdaptiveBuilder<Builder> {
        private double rho = 0.9;

        private Builder() {
            super(0.001);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the decay of the moving average of squared gradients (Keras {@code rho}, default
         * 0.9).
         *
         * @param rho in {@code [0, 1]}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder rho(double rho) {
            this.rho = HyperParameters.closedUnit("rho", rho);
            return this;
        }

        /**
         * Creates the optimizer.
         *
         * @return a new RMSprop optimizer with no state
         */
        public RMSprop build() {
            return new RMSprop(this);
        }
    }
}
