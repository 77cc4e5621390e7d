package io.kerflux.core.optimizers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adadelta: steps scaled by the ratio of running root mean squares of past updates and gradients.
 *
 * <p>Keras equivalent: {@code keras.optimizers.Adadelta(learning_rate=1.0, rho=0.95)} of Keras 2.3.
 * With the gradient accumulator {@code a} and the update accumulator {@code d}, each step computes
 * {@code a = rho·a + (1 − rho)·g²}, {@code u = g·√(d + epsilon) / √(a + epsilon)}, {@code p −=
 * lr·u} and {@code d = rho·d + (1 − rho)·u²}.
 */
public final class Adadelta extends BaseOptimizer {
    private final double rho;
    private double lr;

    /** Adadelta with Keras' defaults. */
    public Adadelta() {
        this(builder());
    }

    private Adadelta(Builder b) {
        super(b, 2, 2);
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
        return "Adadelta";
    }

    @Override
    protected void beginStep(long t, double lr) {
        this.lr = lr;
    }

    @Override
    protected void update(INDArray param, INDArray grad, INDArray[] slots, INDArray[] work) {
        INDArray accumulator = slots[0];
        INDArray deltaAccumulator = slots[1];
        INDArray tmp = work[1];
        Updates.movingAverageOfSquares(accumulator, grad, rho, tmp);
        // The update uses the new gradient accumulator but the previous update accumulator.
        INDArray delta = Updates.sqrtOfSum(deltaAccumulator, epsilon(), work[0]).muli(grad);
        delta.divi(Updates.sqrtOfSum(accumulator, epsilon(), tmp));
        param.subi(delta.mul(lr, tmp));
        Updates.movingAverageOfSquares(deltaAccumulator, delta, rho, tmp);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("learning_rate", learningRate());
        config.put("rho", rho);
        config.put("decay", decay());
        config.put("epsilon", epsilon());
    }

    /** Builder for {@link Adadelta}; every argument defaults to Keras' value. */
    public static final class Builder extends AdaptiveBuilder<Builder> {
        private double rho = 0.95;

        private Builder() {
            super(1.0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the decay of both moving averages (Keras {@code rho}, default 0.95).
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
         * @return a new Adadelta optimizer with no state
         */
        public Adadelta build() {
            return new Adadelta(this);
        }
    }
}
