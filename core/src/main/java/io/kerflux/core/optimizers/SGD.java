package io.kerflux.core.optimizers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent, with optional momentum and Nesterov momentum.
 *
 * <p>Keras equivalent: {@code keras.optimizers.SGD(learning_rate=0.01, momentum=0.0,
 * nesterov=False)} of Keras 2.3. With the velocity {@code v} starting at 0, each step computes
 * {@code v = momentum·v − lr·g}, then {@code p += v}, or {@code p += momentum·v − lr·g} with
 * Nesterov. As in Keras the velocity is kept even without momentum, so {@link #getWeights()} holds
 * one slot per parameter.
 */
public final class SGD extends BaseOptimizer {
    private final double momentum;
    private final boolean nesterov;
    private double lr;

    /** Plain SGD with Keras' defaults: learning rate 0.01, no momentum. */
    public SGD() {
        this(builder());
    }

    private SGD(Builder b) {
        super(b, 1, 1);
        this.momentum = b.momentum;
        this.nesterov = b.nesterov;
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
        return "SGD";
    }

    @Override
    protected void beginStep(long t, double lr) {
        this.lr = lr;
    }

    @Override
    protected void update(INDArray param, INDArray grad, INDArray[] slots, INDArray[] work) {
        INDArray velocity = slots[0];
        if (Updates.sameDenseLayout(param, grad, velocity)) {
            Updates.sgd(param, grad, velocity, lr, momentum, nesterov);
            return;
        }
        if (momentum == 0) {
            // v = 0·v − lr·g without reading v; Nesterov then adds the same step.
            grad.mul(-lr, velocity);
            param.addi(velocity);
            return;
        }
        INDArray step = work[0];
        grad.mul(lr, step);
        velocity.muli(momentum).subi(step);
        if (nesterov) {
            param.subi(step);
            velocity.mul(momentum, step);
            param.addi(step);
        } else {
            param.addi(velocity);
        }
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("learning_rate", learningRate());
        config.put("momentum", momentum);
        config.put("decay", decay());
        config.put("nesterov", nesterov);
    }

    /** Builder for {@link SGD}; every argument defaults to Keras' value. */
    public static final class Builder extends BaseOptimizer.Builder<Builder> {
        private double momentum;
        private boolean nesterov;

        private Builder() {
            super(0.01);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the momentum that accelerates SGD along consistent directions (Keras {@code
         * momentum}, default 0).
         *
         * @param momentum in {@code [0, 1]}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder momentum(double momentum) {
            this.momentum = HyperParameters.closedUnit("momentum", momentum);
            return this;
        }

        /**
         * Whether to apply Nesterov momentum (Keras {@code nesterov}, default false).
         *
         * @param nesterov true for Nesterov momentum
         * @return this builder
         */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * Sets the learning-rate decay: step {@code i} (0-based) uses {@code lr / (1 + decay · i)}
         * (Keras {@code decay}, default 0).
         *
         * @param decay finite, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder decay(double decay) {
            setDecay(decay);
            return this;
        }

        /**
         * Creates the optimizer.
         *
         * @return a new SGD optimizer with no state
         */
        public SGD build() {
            return new SGD(this);
        }
    }
}
