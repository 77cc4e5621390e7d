package io.kerflux.core.optimizers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adagrad: per-element learning rates that shrink with the sum of past squared gradients.
 *
 * <p>Keras equivalent: {@code keras.optimizers.Adagrad(learning_rate=0.01)} of Keras 2.3. Each
 * step computes {@code a += g²} and {@code p −= lr·g / (√a + epsilon)}, with {@code a} starting at
 * 0 (tf.keras starts it at 0.1 and defaults the learning rate to 0.001).
 */
public final class Adagrad extends BaseOptimizer {
    private double lr;

    /** Adagrad with Keras' defaults. */
    public Adagrad() {
        this(builder());
    }

    private Adagrad(Builder b) {
        super(b, 1, 1);
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
        return "Adagrad";
    }

    @Override
    protected void beginStep(long t, double lr) {
        this.lr = lr;
    }

    @Override
    protected void update(INDArray param, INDArray grad, INDArray[] slots, INDArray[] work) {
        INDArray accumulator = slots[0];
        accumulator.addi(grad.mul(grad, work[0]));
        Updates.descend(param, lr, grad, Updates.sqrtPlus(accumulator, epsilon(), work[0]));
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("learning_rate", learningRate());
        config.put("decay", decay());
        config.put("epsilon", epsilon());
    }

    /** Builder for {@link Adagrad}; every argument defaults to Keras' value. */
    public static final class Builder extends AdaptiveBuilder<Builder> {

        private Builder() {
            super(0.01);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Creates the optimizer.
         *
         * @return a new Adagrad optimizer with no state
         */
        public Adagrad build() {
            return new Adagrad(this);
        }
    }
}
