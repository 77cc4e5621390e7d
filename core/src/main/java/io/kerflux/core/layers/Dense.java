package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.activations.Activations;
import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.initializers.Initializers;
import io.kerflux.core.regularizers.Regularizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A densely connected layer: {@code output = activation(input · kernel + bias)}.
 *
 * <p>Keras equivalent: {@code keras.layers.Dense}. The kernel has shape {@code (inputDim, units)}.
 * An input of rank above 2 is multiplied along its last axis, as in Keras.
 */
public final class Dense extends Layer {
    private final int units;
    private final Activation activation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final @Nullable Regularizer kernelRegularizer;
    private final @Nullable Regularizer biasRegularizer;
    private final @Nullable Constraint kernelConstraint;
    private final @Nullable Constraint biasConstraint;

    private @Nullable Weight kernel;
    private @Nullable Weight bias;
    private @Nullable INDArray lastInput2d;
    private @Nullable INDArray lastPreActivation;
    private @Nullable INDArray lastActivation;
    private long @Nullable [] lastInputShape;

    /**
     * A Dense layer with Keras' defaults (glorot_uniform kernel, zero bias, no regularizers).
     *
     * @param units the output dimension, positive
     * @param activation a Keras activation name; null means linear
     */
    public Dense(int units, @Nullable String activation) {
        this(builder(units).activation(activation));
    }

    /**
     * A linear Dense layer with Keras' defaults.
     *
     * @param units the output dimension, positive
     */
    public Dense(int units) {
        this(units, null);
    }

    private Dense(Builder b) {
        super("dense");
        this.units = b.units;
        this.activation = b.activation;
        this.useBias = b.useBias;
        this.kernelInitializer = b.kernelInitializer;
        this.biasInitializer = b.biasInitializer;
        this.kernelRegularizer = b.kernelRegularizer;
        this.biasRegularizer = b.biasRegularizer;
        this.kernelConstraint = b.kernelConstraint;
        this.biasConstraint = b.biasConstraint;
        activityRegularizer(b.activityRegularizer);
        if (b.inputShape != null) {
            inputShape(b.inputShape);
        }
        if (b.name != null) {
            name(b.name);
        }
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @param units the output dimension, positive
     * @return the builder
     */
    public static Builder builder(int units) {
        return new Builder(units);
    }

    /** Keras 2 lets masks pass through this layer unchanged. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public String className() {
        return "Dense";
    }

    /** @return the output dimension */
    public int units() {
        return units;
    }

    /** @return the activation */
    public Activation activation() {
        return activation;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length < 1) {
            throw new IllegalArgumentException("Input 0 of layer " + name()
                    + " is incompatible with the layer: expected min_ndim=2, found ndim=1 (a scalar per sample)");
        }
        long[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        long inputDim = inputShape[inputShape.length - 1];
        kernel = addWeight("kernel", new long[] {inputDim, units}, kernelInitializer,
                kernelRegularizer, kernelConstraint, true, context);
        if (useBias) {
            bias = addWeight("bias", new long[] {units}, biasInitializer, biasRegularizer, biasConstraint, true, context);
        }
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        long inputDim = kernel.value().size(0);
        if (input.size(input.rank() - 1) != inputDim) {
            throw new IllegalArgumentException("Input 0 of layer " + name() + " is incompatible with the layer: expected axis -1 of input shape to have value "
                    + inputDim + " but received input with shape " + Arrays.toString(input.shape()));
        }
        INDArray x = input.rank() == 2 ? input : input.reshape('c', -1, inputDim);
        INDArray z = Nd4j.createUninitialized(input.dataType(), x.size(0), units);
        Nd4j.gemm(x, kernel.value(), z, false, false, 1.0, 0.0);
        if (bias != null) {
            z.addiRowVector(bias.value());
        }
        INDArray out = activation.apply(z);
        lastInputShape = input.shape();
        lastInput2d = x;
        lastPreActivation = z;
        lastActivation = out;
        return input.rank() == 2 ? out : out.reshape('c', computeOutputShapeWithBatch(lastInputShape));
    }

    private long[] computeOutputShapeWithBatch(long[] inputShape) {
        long[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray g = gradOutput.rank() == 2 ? gradOutput : gradOutput.reshape('c', -1, units);
        INDArray gz = activation.backward(lastPreActivation, lastActivation, g);
        Nd4j.gemm(lastInput2d, gz, kernel.gradient(), true, false, 1.0, 0.0);
        if (bias != null) {
            bias.gradient().assign(gz.sum(0));
        }
        if (!needInputGradient) {
            return null;
        }
        INDArray gx = Nd4j.createUninitialized(gz.dataType(), gz.size(0), kernel.value().size(0));
        Nd4j.gemm(gz, kernel.value(), gx, false, true, 1.0, 0.0);
        return lastInputShape.length == 2 ? gx : gx.reshape('c', lastInputShape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", Configs.object(kernelInitializer.className(), kernelInitializer.getConfig()));
        c.put("bias_initializer", Configs.object(biasInitializer.className(), biasInitializer.getConfig()));
        c.put("kernel_regularizer", kernelRegularizer == null ? null
                : Configs.object(kernelRegularizer.className(), kernelRegularizer.getConfig()));
        c.put("bias_regularizer", biasRegularizer == null ? null
                : Configs.object(biasRegularizer.className(), biasRegularizer.getConfig()));
        Regularizer activity = activityRegularizer();
        c.put("activity_regularizer", activity == null ? null : Configs.object(activity.className(), activity.getConfig()));
        c.put("kernel_constraint", kernelConstraint == null ? null
                : Configs.object(kernelConstraint.className(), kernelConstraint.getConfig()));
        c.put("bias_constraint", biasConstraint == null ? null
                : Configs.object(biasConstraint.className(), biasConstraint.getConfig()));
        return c;
    }

    /** Builder for Dense's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder {
        private final int units;
        private Activation activation = Activations.get("linear");
        private boolean useBias = true;
        private Initializer kernelInitializer = Initializers.get("glorot_uniform");
        private Initializer biasInitializer = Initializers.get("zeros");
        private @Nullable Regularizer kernelRegularizer;
        private @Nullable Regularizer biasRegularizer;
        private @Nullable Regularizer activityRegularizer;
        private @Nullable Constraint kernelConstraint;
        private @Nullable Constraint biasConstraint;
        private long @Nullable [] inputShape;
        private @Nullable String name;

        private Builder(int units) {
            if (units <= 0) {
                throw new IllegalArgumentException(
                        "units must be a positive integer. Received: units=" + units);
            }
            this.units = units;
        }

        /** @param name a Keras activation name; null means linear @return this builder */
        public Builder activation(@Nullable String name) {
            this.activation = Activations.get(name);
            return this;
        }

        /** @param value an activation @return this builder */
        public Builder activation(Activation value) {
            this.activation = Objects.requireNonNull(value, "activation");
            return this;
        }

        /** @param value whether to add a bias (default true) @return this builder */
        public Builder useBias(boolean value) {
            this.useBias = value;
            return this;
        }

        /** @param name a Keras initializer name @return this builder */
        public Builder kernelInitializer(String name) {
            return kernelInitializer(Initializers.get(name));
        }

        /** @param value the kernel initializer @return this builder */
        public Builder kernelInitializer(Initializer value) {
            this.kernelInitializer = Objects.requireNonNull(value, "kernelInitializer");
            return this;
        }

        /** @param name a Keras initializer name @return this builder */
        public Builder biasInitializer(String name) {
            return biasInitializer(Initializers.get(name));
        }

        /** @param value the bias initializer @return this builder */
        public Builder biasInitializer(Initializer value) {
            this.biasInitializer = Objects.requireNonNull(value, "biasInitializer");
            return this;
        }

        /** @param value penalty on the kernel, or null @return this builder */
        public Builder kernelRegularizer(@Nullable Regularizer value) {
            this.kernelRegularizer = value;
            return this;
        }

        /** @param value penalty on the bias, or null @return this builder */
        public Builder biasRegularizer(@Nullable Regularizer value) {
            this.biasRegularizer = value;
            return this;
        }

        /** @param value penalty on the output, or null @return this builder */
        public Builder activityRegularizer(@Nullable Regularizer value) {
            this.activityRegularizer = value;
            return this;
        }

        /** @param value projection of the kernel after each update, or null @return this builder */
        public Builder kernelConstraint(@Nullable Constraint value) {
            this.kernelConstraint = value;
            return this;
        }

        /** @param value projection of the bias after each update, or null @return this builder */
        public Builder biasConstraint(@Nullable Constraint value) {
            this.biasConstraint = value;
            return this;
        }

        /** @param shape the per-sample input shape of a first layer @return this builder */
        public Builder inputShape(long... shape) {
            this.inputShape = shape.clone();
            return this;
        }

        /** @param value the layer name @return this builder */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @return the layer */
        public Dense build() {
            return new Dense(this);
        }
    }
}
