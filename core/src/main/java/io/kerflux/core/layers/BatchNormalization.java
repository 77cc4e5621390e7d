package io.kerflux.core.layers;

import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.initializers.Initializers;
import io.kerflux.core.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Normalizes each feature of {@code axis} with the batch statistics in training and with moving
 * averages of them in inference: {@code gamma · (x − mean) / sqrt(variance + epsilon) + beta}.
 *
 * <p>Keras equivalent: {@code keras.layers.BatchNormalization(axis=-1, momentum=0.99,
 * epsilon=1e-3, center=True, scale=True, beta_initializer='zeros', gamma_initializer='ones',
 * moving_mean_initializer='zeros', moving_variance_initializer='ones', beta_regularizer=None,
 * gamma_regularizer=None, beta_constraint=None, gamma_constraint=None)}. {@code axis} counts the
 * batch axis like Keras (1 is the first per-sample axis; −1 the last). The weights, each of shape
 * {@code (features,)}, are in Keras' order: {@code gamma} (if scale), {@code beta} (if center),
 * then the non-trainable {@code moving_mean} and {@code moving_variance}.
 *
 * <p>As in Keras 2.3.1:
 *
 * <ul>
 *   <li>A training step normalizes with the mean and the biased variance over all axes but
 *       {@code axis}, and back-propagates through them; inference uses the moving statistics.
 *   <li>The training forward pass updates the moving statistics: {@code moving = moving · momentum
 *       + batch · (1 − momentum)}, where the batch variance is rescaled by {@code n / (n − 1 −
 *       epsilon)} ({@code n} = values per feature), Keras' near-unbiased estimate. Keras 2.3 on
 *       TensorFlow 1.x zero-debiased these averages; this follows its TensorFlow 2 backend. For
 *       4D inputs normalized over their channel axis Keras' fused kernel applies Bessel's {@code n
 *       / (n − 1)} a second time, a factor this layer does not repeat (it is {@code 1.00004} for a
 *       batch of 32 maps of 28×28).
 *   <li>A frozen layer ({@code trainable(false)}) still normalizes with the batch statistics in
 *       training, but no longer updates its moving statistics.
 *   <li>Masks pass through unchanged and do not affect the statistics.
 * </ul>
 */
public final class BatchNormalization extends Layer {
    private final int axis;
    private final double momentum;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private final Initializer betaInitializer;
    private final Initializer gammaInitializer;
    private final Initializer movingMeanInitializer;
    private final Initializer movingVarianceInitializer;
    private final @Nullable Regularizer betaRegularizer;
    private final @Nullable Regularizer gammaRegularizer;
    private final @Nullable Constraint betaConstraint;
    private final @Nullable Constraint gammaConstraint;

    private @Nullable Weight gamma;
    private @Nullable Weight beta;
    private @Nullable Weight movingMean;
    private @Nullable Weight movingVariance;
    private int builtAxis;
    private @Nullable INDArray lastInput;
    private @Nullable INDArray lastMean;
    private @Nullable INDArray lastVariance;
    private @Nullable INDArray lastInvStd;
    private @Nullable INDArray lastScale;
    private boolean lastTraining;

    /** A BatchNormalization layer with Keras' defaults, normalizing the last axis. */
    public BatchNormalization() {
        this(builder());
    }

    private BatchNormalization(Builder b) {
        super("batch_normalization");
        this.axis = b.axis;
        this.momentum = b.momentum;
        this.epsilon = b.epsilon;
        this.center = b.center;
        this.scale = b.scale;
        this.betaInitializer = b.betaInitializer;
        this.gammaInitializer = b.gammaInitializer;
        this.movingMeanInitializer = b.movingMeanInitializer;
        this.movingVarianceInitializer = b.movingVarianceInitializer;
        this.betaRegularizer = b.betaRegularizer;
        this.gammaRegularizer = b.gammaRegularizer;
        this.betaConstraint = b.betaConstraint;
        this.gammaConstraint = b.gammaConstraint;
        b.applyTo(this);
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String className() {
        return "BatchNormalization";
    }

    /** Keras 2.3 lets masks pass through this layer unchanged. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** @return the normalized axis as given, counting the batch axis (−1 = last) */
    public int axis() {
        return axis;
    }

    /** @return the weight of the old value in the moving averages */
    public double momentum() {
        return momentum;
    }

    /** @return the constant added to the variance */
    public double epsilon() {
        return epsilon;
    }

    /** @return whether {@code beta} is added */
    public boolean center() {
        return center;
    }

    /** @return whether the output is multiplied by {@code gamma} */
    public boolean scale() {
        return scale;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        absoluteAxis(inputShape);
        return inputShape.clone();
    }

    /** The axis as an index into the shape with batch, validated against the per-sample shape. */
    private int absoluteAxis(long[] inputShape) {
        int rank = inputShape.length + 1;
        int a = axis < 0 ? axis + rank : axis;
        if (a == 0) {
            throw new IllegalArgumentException("Axis " + axis + " of input tensor should have a defined dimension "
                    + "but the layer received an input with shape " + shapeString(inputShape)
                    + ". Received: axis=" + axis + " (the batch axis)");
        }
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("Invalid axis: expected an axis in [" + (-rank) + ", " + rank
                    + ") for an input of shape " + shapeString(inputShape) + ". Received: axis=" + axis);
        }
        return a;
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        builtAxis = absoluteAxis(inputShape);
        long[] shape = {inputShape[builtAxis - 1]};
        if (scale) {
            gamma = addWeight("gamma", shape, gammaInitializer, gammaRegularizer, gammaConstraint, true, context);
        }
        if (center) {
            beta = addWeight("beta", shape, betaInitializer, betaRegularizer, betaConstraint, true, context);
        }
        movingMean = addWeight("moving_mean", shape, movingMeanInitializer, null, null, false, context);
        movingVariance = addWeight("moving_variance", shape, movingVarianceInitializer, null, null, false, context);
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        long features = movingMean.value().length();
        if (input.rank() != builtInputShape().length + 1 || input.size(builtAxis) != features) {
            throw new IllegalArgumentException("Input 0 is incompatible with layer " + name() + ": expected axis "
                    + axis + " of input shape to have value " + features + " but got shape "
                    + Arrays.toString(input.shape()));
        }
        INDArray mean;
        INDArray variance;
        if (training) {
            int[] reduced = reductionAxes(input.rank());
            mean = input.mean(reduced);
            variance = input.var(false, reduced);
            if (trainable()) {
                updateMovingStatistics(mean, variance, input.length() / features);
            }
        } else {
            mean = movingMean.value().dup();
            variance = movingVariance.value().dup();
        }
        INDArray invStd = Transforms.pow(variance.add(epsilon), -0.5, false);
        INDArray scaleVector = gamma == null ? invStd.dup() : invStd.mul(gamma.value());
        INDArray shift = mean.mul(scaleVector).negi();
        if (beta != null) {
            shift.addi(beta.value());
        }
        // y = x · (gamma / std) + (beta − mean · gamma / std): two broadcast passes over the input
        INDArray out = Nd4j.createUninitialized(input.dataType(), input.shape());
        Broadcast.mul(input, scaleVector, out, builtAxis);
        Broadcast.add(out, shift, out, builtAxis);
        lastInput = input;
        lastMean = mean;
        lastVariance = variance;
        lastInvStd = invStd;
        lastScale = scaleVector;
        lastTraining = training;
        return out;
    }

    private void updateMovingStatistics(INDArray mean, INDArray variance, long n) {
        movingMean.value().muli(momentum).addi(mean.mul(1 - momentum));
        double unbias = n / (n - (1.0 + epsilon));
        movingVariance.value().muli(momentum).addi(variance.mul((1 - momentum) * unbias));
    }

    private int[] reductionAxes(int rank) {
        int[] reduced = new int[rank - 1];
        for (int i = 0, k = 0; i < rank; i++) {
            if (i != builtAxis) {
                reduced[k++] = i;
            }
        }
        return reduced;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        return lastTraining
                ? backwardTraining(gradOutput, needInputGradient)
                : backwardInference(gradOutput, needInputGradient);
    }

    /**
     * Back-propagates through the batch statistics with libnd4j's {@code batchnorm_bp}, which uses
     * the full formula; in double precision it is exact to about 1e-8 relative, as it scales by
     * 1/n in single precision.
     */
    private @Nullable INDArray backwardTraining(INDArray gradOutput, boolean needInputGradient) {
        INDArray gradInput = Nd4j.createUninitialized(gradOutput.dataType(), lastInput.shape());
        List<INDArray> inputs = new ArrayList<>(List.of(lastInput, lastMean, lastVariance));
        List<INDArray> outputs = new ArrayList<>(List.of(gradInput, lastMean.ulike(), lastVariance.ulike()));
        if (gamma != null) {
            inputs.add(gamma.value());
            outputs.add(gamma.gradient());
        }
        if (beta != null) {
            inputs.add(beta.value());
            outputs.add(beta.gradient());
        }
        inputs.add(gradOutput);
        Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp")
                .addInputs(inputs.toArray(new INDArray[0]))
                .addOutputs(outputs.toArray(new INDArray[0]))
                .addFloatingPointArguments(epsilon)
                .addIntegerArguments(gamma != null ? 1 : 0, beta != null ? 1 : 0, builtAxis)
                .build());
        // the training output does not depend on the moving statistics
        movingMean.gradient().assign(0);
        movingVariance.gradient().assign(0);
        return needInputGradient ? gradInput : null;
    }

    /** Back-propagates through the fixed moving statistics, for every weight. */
    private @Nullable INDArray backwardInference(INDArray gradOutput, boolean needInputGradient) {
        int[] reduced = reductionAxes(gradOutput.rank());
        INDArray sumGrad = gradOutput.sum(reduced);
        INDArray centered = Broadcast.sub(lastInput, lastMean, lastInput.ulike(), builtAxis);
        INDArray sumGradCentered = centered.muli(gradOutput).sum(reduced);
        if (gamma != null) {
            gamma.gradient().assign(sumGradCentered.mul(lastInvStd));
        }
        if (beta != null) {
            beta.gradient().assign(sumGrad);
        }
        movingMean.gradient().assign(sumGrad.mul(lastScale).negi());
        // d/dvariance of (variance + epsilon)^(-1/2) is −(1/2)·invStd³
        movingVariance.gradient().assign(sumGradCentered.mul(lastScale).muli(lastInvStd).muli(lastInvStd).muli(-0.5));
        if (!needInputGradient) {
            return null;
        }
        return Broadcast.mul(gradOutput, lastScale, gradOutput.ulike(), builtAxis);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", Configs.serialize(betaInitializer));
        c.put("gamma_initializer", Configs.serialize(gammaInitializer));
        c.put("moving_mean_initializer", Configs.serialize(movingMeanInitializer));
        c.put("moving_variance_initializer", Configs.serialize(movingVarianceInitializer));
        c.put("beta_regularizer", Configs.serialize(betaRegularizer));
        c.put("gamma_regularizer", Configs.serialize(gammaRegularizer));
        c.put("beta_constraint", Configs.serialize(betaConstraint));
        c.put("gamma_constraint", Configs.serialize(gammaConstraint));
        return c;
    }

    /** Builder for BatchNormalization's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private int axis = -1;
        private double momentum = 0.99;
        private double epsilon = 1e-3;
        private boolean center = true;
        private boolean scale = true;
        private Initializer betaInitializer = Initializers.get("zeros");
        private Initializer gammaInitializer = Initializers.get("ones");
        private Initializer movingMeanInitializer = Initializers.get("zeros");
        private Initializer movingVarianceInitializer = Initializers.get("ones");
        private @Nullable Regularizer betaRegularizer;
        private @Nullable Regularizer gammaRegularizer;
        private @Nullable Constraint betaConstraint;
        private @Nullable Constraint gammaConstraint;

        private Builder() { }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the feature axis ({@code axis}).
         *
         * @param value the feature axis, counting the batch axis (default −1, the last; 1 after a
         *     channels_first convolution); checked against the input when the layer is built
         * @return this builder
         */
        public Builder axis(int value) {
            this.axis = value;
            return this;
        }

        /**
         * Sets the momentum of the moving averages ({@code momentum}).
         *
         * @param value the weight of the old value in the moving averages (default 0.99)
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder momentum(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("momentum must be a finite number. Received: momentum=" + value);
            }
            this.momentum = value;
            return this;
        }

        /**
         * Sets the variance offset ({@code epsilon}).
         *
         * @param value added to the variance before the square root (default 1e-3)
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder epsilon(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("epsilon must be a non-negative number. Received: epsilon=" + value);
            }
            this.epsilon = value;
            return this;
        }

        /**
         * Sets whether beta is added ({@code center}).
         *
         * @param value whether to add the offset {@code beta} (default true)
         * @return this builder
         */
        public Builder center(boolean value) {
            this.center = value;
            return this;
        }

        /**
         * Sets whether gamma multiplies the output ({@code scale}).
         *
         * @param value whether to multiply by {@code gamma} (default true)
         * @return this builder
         */
        public Builder scale(boolean value) {
            this.scale = value;
            return this;
        }

        /**
         * Sets the beta initializer by name ({@code beta_initializer}).
         *
         * @param name a Keras initializer name (default "zeros")
         * @return this builder
         */
        public Builder betaInitializer(String name) {
            return betaInitializer(Initializers.get(name));
        }

        /**
         * Sets the beta initializer ({@code beta_initializer}).
         *
         * @param value the beta initializer
         * @return this builder
         */
        public Builder betaInitializer(Initializer value) {
            this.betaInitializer = Objects.requireNonNull(value, "betaInitializer");
            return this;
        }

        /**
         * Sets the gamma initializer by name ({@code gamma_initializer}).
         *
         * @param name a Keras initializer name (default "ones")
         * @return this builder
         */
        public Builder gammaInitializer(String name) {
            return gammaInitializer(Initializers.get(name));
        }

        /**
         * Sets the gamma initializer ({@code gamma_initializer}).
         *
         * @param value the gamma initializer
         * @return this builder
         */
        public Builder gammaInitializer(Initializer value) {
            this.gammaInitializer = Objects.requireNonNull(value, "gammaInitializer");
            return this;
        }

        /**
         * Sets the moving mean initializer by name ({@code moving_mean_initializer}).
         *
         * @param name a Keras initializer name (default "zeros")
         * @return this builder
         */
        public Builder movingMeanInitializer(String name) {
            return movingMeanInitializer(Initializers.get(name));
        }

        /**
         * Sets the moving mean initializer ({@code moving_mean_initializer}).
         *
         * @param value the moving mean initializer
         * @return this builder
         */
        public Builder movingMeanInitializer(Initializer value) {
            this.movingMeanInitializer = Objects.requireNonNull(value, "movingMeanInitializer");
            return this;
        }

        /**
         * Sets the moving variance initializer by name ({@code moving_variance_initializer}).
         *
         * @param name a Keras initializer name (default "ones")
         * @return this builder
         */
        public Builder movingVarianceInitializer(String name) {
            return movingVarianceInitializer(Initializers.get(name));
        }

        /**
         * Sets the moving variance initializer ({@code moving_variance_initializer}).
         *
         * @param value the moving variance initializer
         * @return this builder
         */
        public Builder movingVarianceInitializer(Initializer value) {
            this.movingVarianceInitializer = Objects.requireNonNull(value, "movingVarianceInitializer");
            return this;
        }

        /**
         * Sets the penalty on beta ({@code beta_regularizer}).
         *
         * @param value penalty on beta, or null
         * @return this builder
         */
        public Builder betaRegularizer(@Nullable Regularizer value) {
            this.betaRegularizer = value;
            return this;
        }

        /**
         * Sets the penalty on gamma ({@code gamma_regularizer}).
         *
         * @param value penalty on gamma, or null
         * @return this builder
         */
        public Builder gammaRegularizer(@Nullable Regularizer value) {
            this.gammaRegularizer = value;
            return this;
        }

        /**
         * Sets the projection of beta after each update ({@code beta_constraint}).
         *
         * @param value projection of beta after each update, or null
         * @return this builder
         */
        public Builder betaConstraint(@Nullable Constraint value) {
            this.betaConstraint = value;
            return this;
        }

        /**
         * Sets the projection of gamma after each update ({@code gamma_constraint}).
         *
         * @param value projection of gamma after each update, or null
         * @return this builder
         */
        public Builder gammaConstraint(@Nullable Constraint value) {
            this.gammaConstraint = value;
            return this;
        }

        /** @return the layer */
        public BatchNormalization build() {
            return new BatchNormalization(this);
        }
    }
}
