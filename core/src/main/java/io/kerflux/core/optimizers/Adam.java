package io.kerflux.core.optimizers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam: steps from bias-corrected running averages of the gradient and of its square.
 *
 * <p>Keras equivalent: {@code keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999,
 * amsgrad=False)} of Keras 2.3. At step {@code t} (from 1): {@code m = beta1·m + (1 − beta1)·g},
 * {@code v = beta2·v + (1 − beta2)·g²}, {@code lr_t = lr·√(1 − beta2^t) / (1 − beta1^t)} and
 * {@code p −= lr_t·m / (√v + epsilon)}. AMSGrad keeps {@code vhat = max(vhat, v)} and uses it in
 * place of {@code v}.
 */
public final class Adam extends BaseOptimizer {
    private final double beta1;
    private final double beta2;
    private final boolean amsgrad;
    private double stepSize;

    /** Adam with Keras' defaults. */
    public Adam() {
        this(builder());
    }

    private Adam(Builder b) {
        super(b, b.amsgrad ? 3 : 2, 1);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.amsgrad = b.amsgrad;
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
        return "Adam";
    }

    @Override
    protected void beginStep(long t, double lr) {
        stepSize = lr * (Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t)));
    }

    @Override
    protected void update(INDArray param, INDArray grad, INDArray[] slots, INDArray[] work) {
        INDArray m = slots[0];
        INDArray v = slots[1];
        if (!amsgrad && Updates.sameDenseLayout(param, grad, m, v)) {
            Updates.adam(param, grad, m, v, beta1, beta2, stepSize, epsilon());
            return;
        }
        Updates.movingAverage(m, grad, beta1, work[0]);
        Updates.movingAverageOfSquares(v, grad, beta2, work[0]);
        INDArray second = v;
        if (amsgrad) {
            second = slots[2];
            Nd4j.exec(new Max(second, v, second));
        }
        Updates.descend(param, stepSize, m, Updates.sqrtPlus(second, epsilon(), work[0]));
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("learning_rate", learningRate());
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("decay", decay());
        config.put("epsilon", epsilon());
        config.put("amsgrad", amsgrad);
    }

    /** Builder for {@link Adam}; every argument defaults to Keras' value. */
    public static final class Builder extends AdaptiveBuilder<Builder> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private boolean amsgrad;

        private Builder() {
            super(0.001);
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
         * Whether to use the AMSGrad variant, which divides by the largest second moment seen so
         * far (Keras {@code amsgrad}, default false).
         *
         * @param amsgrad true for AMSGrad
         * @return this builder
         */
        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /**
         * Creates the optimizer.
         *
         * @return a new Adam optimizer with no state
         */
        public Adam build() {
            return new Adam(this);
        }
    }
}
