package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.activations.Activations;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A densely connected layer: {@code output = activation(input · kernel + bias)}.
 *
 * <p>Keras equivalent: {@code keras.layers.Dense}. The kernel has shape {@code (inputDim, units)}.
 * An input of rank above 2 is multiplied along its last axis, as in Keras.
 */
public final class Dense extends Layer {
    private static final Activation LINEAR = Activations.get("linear");

    private final int units;
    private final KernelArguments args;

    private @Nullable Weight kernel;
    private @Nullable Weight bias;
    private @Nullable INDArray lastInput2d;
    private @Nullable INDArray lastPreActivation;
    private @Nullable INDArray lastActivation;
    private long @Nullable [] lastInputShape;
    private @Nullable INDArray preActivationBuffer;
    private @Nullable INDArray inputGradientBuffer;

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
        this.args = b.kernelArguments();
        b.applyTo(this);
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
        return args.activation();
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
        kernel = addWeight("kernel", new long[] {inputDim, units}, args.kernelInitializer(),
                args.kernelRegularizer(), args.kernelConstraint(), true, context);
        if (args.useBias()) {
            bias = addWeight("bias", new long[] {units}, args.biasInitializer(), args.biasRegularizer(),
                    args.biasConstraint(), true, context);
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
        // z stays private when an activation copies it, so the next call may overwrite it; the
        // identity hands z itself to the caller, who may keep it.
        INDArray z = isLinear() ? Nd4j.createUninitialized(input.dataType(), x.size(0), units)
                : (preActivationBuffer = reusable(preActivationBuffer, input.dataType(), x.size(0), units));
        Blas.gemm(x, kernel.value(), z, false, false, 1.0, 0.0);
        if (bias != null) {
            z.addiRowVector(bias.value());
        }
        // The identity needs no copy: z is this call's own array.
        INDArray out = isLinear() ? z : args.activation().apply(z);
        lastInputShape = input.shape();
        lastInput2d = x;
        lastPreActivation = z;
        lastActivation = out;
        return input.rank() == 2 ? out : out.reshape('c', computeOutputShapeWithBatch(lastInputShape));
    }

    private static INDArray reusable(@Nullable INDArray buffer, DataType dtype, long rows, long cols) {
        if (buffer != null && buffer.dataType() == dtype && buffer.size(0) == rows && buffer.size(1) == cols) {
            return buffer;
        }
        return Nd4j.createUninitialized(dtype, rows, cols);
    }

    private boolean isLinear() {
        return args.activation() == LINEAR;
    }

    private long[] computeOutputShapeWithBatch(long[] inputShape) {
        long[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray g = gradOutput.rank() == 2 ? gradOutput : gradOutput.reshape('c', -1, units);
        INDArray gz = isLinear() ? g : args.activation().backward(lastPreActivation, lastActivation, g);
        Blas.gemm(lastInput2d, gz, kernel.gradient(), true, false, 1.0, 0.0);
        if (bias != null) {
            gz.sum(bias.gradient(), 0);
        }
        if (!needInputGradient) {
            return null;
        }
        // The input gradient only lives until the layer below has back-propagated it.
        INDArray gx = inputGradientBuffer = reusable(inputGradientBuffer, gz.dataType(), gz.size(0), kernel.value().size(0));
        Blas.gemm(gz, kernel.value(), gx, false, true, 1.0, 0.0);
        return lastInputShape.length == 2 ? gx : gx.reshape('c', lastInputShape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        args.putConfig(c, activityRegularizer());
        return c;
    }

    /** Builder for Dense's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends KernelLayerBuilder<Builder> {
        private final int units;

        private Builder(int units) {
            if (units <= 0) {
                throw new IllegalArgumentException(
                        "units must be a positive integer. Received: units=" + units);
            }
            this.units = units;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the layer */
        public Dense build() {
            return new Dense(this);
        }
    }
}
