package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.initializers.Initializers;
import io.kerflux.core.regularizers.Regularizer;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A depthwise separable 2-D convolution: each input channel is cross-correlated with its own
 * {@code depthMultiplier} kernels, then a 1×1 convolution mixes the resulting channels into
 * {@code filters} outputs, then bias and activation.
 *
 * <p>Keras equivalent: {@code keras.layers.SeparableConv2D}. The weights are {@code
 * depthwise_kernel (kernelRows, kernelCols, inputChannels, depthMultiplier)}, {@code
 * pointwise_kernel (1, 1, inputChannels·depthMultiplier, filters)} and {@code bias (filters)}, in
 * that order; depthwise output channel {@code c·depthMultiplier + m} comes from input channel
 * {@code c} and kernel {@code m}, as in TensorFlow. Strides, padding and dilation apply to the
 * depthwise step, with the same rules as {@link Conv2D}.
 */
public final class SeparableConv2D extends Layer {
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final ConvUtils.Padding padding;
    private final boolean channelsFirst;
    private final int[] dilationRate;
    private final int depthMultiplier;
    private final Activation activation;
    private final boolean useBias;
    private final Initializer depthwiseInitializer;
    private final Initializer pointwiseInitializer;
    private final Initializer biasInitializer;
    private final @Nullable Regularizer depthwiseRegularizer;
    private final @Nullable Regularizer pointwiseRegularizer;
    private final @Nullable Regularizer biasRegularizer;
    private final @Nullable Constraint depthwiseConstraint;
    private final @Nullable Constraint pointwiseConstraint;
    private final @Nullable Constraint biasConstraint;
    private final Convolutions convolutions;

    private @Nullable Weight depthwiseKernel;
    private @Nullable Weight pointwiseKernel;
    private @Nullable Weight bias;
    private @Nullable INDArray lastColumns;
    private @Nullable INDArray lastDepthwise;
    private @Nullable INDArray lastPreActivation;
    private @Nullable INDArray lastActivation;

    /**
     * A linear SeparableConv2D with Keras' defaults: strides 1, "valid" padding, channels last, no
     * dilation, depth multiplier 1, glorot_uniform kernels, zero bias.
     *
     * @param filters the number of output channels, positive
     * @param kernelSize one value for a square kernel, or (rows, cols)
     * @throws IllegalArgumentException for a non-positive filter count or kernel size
     */
    public SeparableConv2D(int filters, int... kernelSize) {
        this(builder(filters, kernelSize));
    }

    private SeparableConv2D(Builder b) {
        super("separable_conv2d");
        Convolutions.checkStridesWithDilation(b.strides, b.dilationRate);
        this.filters = b.filters;
        this.kernelSize = b.kernelSize;
        this.strides = b.strides;
        this.padding = b.padding;
        this.channelsFirst = b.channelsFirst;
        this.dilationRate = b.dilationRate;
        this.depthMultiplier = b.depthMultiplier;
        this.activation = b.activation;
        this.useBias = b.useBias;
        this.depthwiseInitializer = b.depthwiseInitializer;
        this.pointwiseInitializer = b.pointwiseInitializer;
        this.biasInitializer = b.biasInitializer;
        this.depthwiseRegularizer = b.depthwiseRegularizer;
        this.pointwiseRegularizer = b.pointwiseRegularizer;
        this.biasRegularizer = b.biasRegularizer;
        this.depthwiseConstraint = b.depthwiseConstraint;
        this.pointwiseConstraint = b.pointwiseConstraint;
        this.biasConstraint = b.biasConstraint;
        this.convolutions = new Convolutions(kernelSize, strides, dilationRate, padding, channelsFirst);
        b.applyTo(this);
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @param filters the number of output channels, positive
     * @param kernelSize one value for a square kernel, or (rows, cols)
     * @return the builder
     * @throws IllegalArgumentException for a non-positive filter count or kernel size
     */
    public static Builder builder(int filters, int... kernelSize) {
        return new Builder(filters, kernelSize);
    }

    @Override
    public String className() {
        return "SeparableConv2D";
    }

    /** @return the number of output channels */
    public int filters() {
        return filters;
    }

    /** @return the number of depthwise kernels per input channel */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    /**
     * The output shape: {@code (outRows, outCols, filters)}, or {@code (filters, outRows, outCols)}
     * channels first, each spatial length by Keras' {@code conv_output_length}.
     *
     * @param inputShape {@code (rows, cols, channels)} or channels first
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 3-D per sample or is smaller than the
     *     dilated kernel with "valid" padding
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return convolutions.outputShape2d(this, inputShape, filters);
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        long channels = inputShape[channelsFirst ? 0 : 2];
        depthwiseKernel = addWeight("depthwise_kernel", new long[] {kernelSize[0], kernelSize[1], channels,
            depthMultiplier}, depthwiseInitializer, depthwiseRegularizer, depthwiseConstraint, true, context);
        pointwiseKernel = addWeight("pointwise_kernel", new long[] {1, 1, channels * depthMultiplier, filters},
                pointwiseInitializer, pointwiseRegularizer, pointwiseConstraint, true, context);
        if (useBias) {
            bias = addWeight("bias", new long[] {filters}, biasInitializer, biasRegularizer, biasConstraint, true,
                    context);
        }
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        long channels = depthwiseKernel.value().size(2);
        convolutions.requireInput(this, input, 4, channels);
        INDArray columns = convolutions.columns(input);
        long n = columns.size(0);
        long taps = (long) kernelSize[0] * kernelSize[1];
        INDArray depthwise2d = depthwise2d(depthwiseKernel.value());
        // depthwise[n, c, m] = Σ_tap columns[n, tap, c] · kernel[tap, c, m]
        INDArray depthwise = Nd4j.createUninitialized(input.dataType(), n, channels, depthMultiplier);
        for (int m = 0; m < depthMultiplier; m++) {
            INDArray products = columns.mulRowVector(depthwise2d.get(NDArrayIndex.all(), NDArrayIndex.point(m)));
            depthwise.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(m))
                    .assign(products.reshape('c', n, taps, channels).sum(1));
        }
        INDArray depthwiseFlat = depthwise.reshape('c', n, channels * depthMultiplier);
        INDArray z = Nd4j.createUninitialized(input.dataType(), n, filters);
        Nd4j.gemm(depthwiseFlat, pointwise2d(pointwiseKernel.value()), z, false, false, 1.0, 0.0);
        if (bias != null) {
            z.addiRowVector(bias.value());
        }
        long rows = convolutions.outputLength(0, input.size(channelsFirst ? 2 : 1));
        long cols = convolutions.outputLength(1, input.size(channelsFirst ? 3 : 2));
        lastColumns = columns;
        lastDepthwise = depthwiseFlat;
        lastPreActivation = convolutions.toOutputLayout(z, input.size(0), rows, cols, filters);
        lastActivation = activation.apply(lastPreActivation);
        return lastActivation;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray gz2d = convolutions.gradientRows(
                activation.backward(lastPreActivation, lastActivation, gradOutput), filters);
        INDArray pointwise2d = pointwise2d(pointwiseKernel.value());
        Nd4j.gemm(lastDepthwise, gz2d, pointwise2d(pointwiseKernel.gradient()), true, false, 1.0, 0.0);
        if (bias != null) {
            bias.gradient().assign(gz2d.sum(0));
        }
        long n = gz2d.size(0);
        long channels = depthwiseKernel.value().size(2);
        long taps = (long) kernelSize[0] * kernelSize[1];
        INDArray gradDepthwise = Nd4j.createUninitialized(gz2d.dataType(), n, channels * depthMultiplier);
        Nd4j.gemm(gz2d, pointwise2d, gradDepthwise, false, true, 1.0, 0.0);
        INDArray gradDepthwise3d = gradDepthwise.reshape('c', n, channels, depthMultiplier);
        INDArray columns3d = lastColumns.reshape('c', n, taps, channels);
        INDArray kernelGrad3d = depthwiseKernel.gradient().reshape('c', taps, channels, depthMultiplier);
        INDArray products = Nd4j.createUninitialized(gz2d.dataType(), n, taps, channels);
        for (int m = 0; m < depthMultiplier; m++) {
            // kernel gradient[tap, c, m] = Σ_n columns[n, tap, c] · gradDepthwise[n, c, m]
            INDArray gradM = gradDepthwise3d.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(m));
            Nd4j.exec(new BroadcastMulOp(columns3d, gradM, products, 0, 2));
            kernelGrad3d.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(m)).assign(products.sum(0));
        }
        return needInputGradient ? inputGradient(gradDepthwise3d) : null;
    }

    /** gradColumns[n, tap, c] = Σ_m kernel[tap, c, m] · gradDepthwise[n, c, m], then col2im. */
    private INDArray inputGradient(INDArray gradDepthwise3d) {
        INDArray gradColumns = convolutions.gradientColumns();
        long n = gradColumns.size(0);
        long taps = (long) kernelSize[0] * kernelSize[1];
        long channels = gradDepthwise3d.size(1);
        INDArray depthwise2d = depthwise2d(depthwiseKernel.value());
        INDArray scratch = null;
        for (int m = 0; m < depthMultiplier; m++) {
            if (m == 1) {
                scratch = Nd4j.createUninitialized(gradColumns.dataType(), gradColumns.shape());
            }
            INDArray target = m == 0 ? gradColumns : scratch;
            target.assign(0).addiRowVector(depthwise2d.get(NDArrayIndex.all(), NDArrayIndex.point(m)));
            INDArray target3d = target.reshape('c', n, taps, channels);
            Nd4j.exec(new BroadcastMulOp(target3d,
                    gradDepthwise3d.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(m)), target3d, 0, 2));
            if (m > 0) {
                gradColumns.addi(scratch);
            }
        }
        return convolutions.columnsToImage(gradColumns);
    }

    /** The (kh, kw, in, multiplier) depthwise kernel as (kh·kw·in, multiplier), rows in column order. */
    private INDArray depthwise2d(INDArray k) {
        return k.reshape('c', -1, depthMultiplier);
    }

    /** The (1, 1, in·multiplier, filters) pointwise kernel as a matrix. */
    private INDArray pointwise2d(INDArray k) {
        return k.reshape('c', -1, filters);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("kernel_size", Convolutions.list(kernelSize));
        c.put("strides", Convolutions.list(strides));
        c.put("padding", padding.kerasName());
        c.put("data_format", Convolutions.dataFormatName(channelsFirst));
        c.put("dilation_rate", Convolutions.list(dilationRate));
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("bias_initializer", Configs.serialize(biasInitializer));
        c.put("bias_regularizer", Configs.serialize(biasRegularizer));
        c.put("activity_regularizer", Configs.serialize(activityRegularizer()));
        c.put("bias_constraint", Configs.serialize(biasConstraint));
        c.put("depth_multiplier", depthMultiplier);
        c.put("depthwise_initializer", Configs.serialize(depthwiseInitializer));
        c.put("pointwise_initializer", Configs.serialize(pointwiseInitializer));
        c.put("depthwise_regularizer", Configs.serialize(depthwiseRegularizer));
        c.put("pointwise_regularizer", Configs.serialize(pointwiseRegularizer));
        c.put("depthwise_constraint", Configs.serialize(depthwiseConstraint));
        c.put("pointwise_constraint", Configs.serialize(pointwiseConstraint));
        return c;
    }

    /** Builder for SeparableConv2D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends BiasedLayerBuilder<Builder> {
        private final int filters;
        private final int[] kernelSize;
        private int[] strides = {1, 1};
        private ConvUtils.Padding padding = ConvUtils.Padding.VALID;
        private boolean channelsFirst;
        private int[] dilationRate = {1, 1};
        private int depthMultiplier = 1;
        private Initializer depthwiseInitializer = Initializers.get("glorot_uniform");
        private Initializer pointwiseInitializer = Initializers.get("glorot_uniform");
        private @Nullable Regularizer depthwiseRegularizer;
        private @Nullable Regularizer pointwiseRegularizer;
        private @Nullable Constraint depthwiseConstraint;
        private @Nullable Constraint pointwiseConstraint;

        private Builder(int filters, int[] kernelSize) {
            if (filters <= 0) {
                throw new IllegalArgumentException("filters must be a positive integer. Received: filters=" + filters);
            }
            this.filters = filters;
            this.kernelSize = Convolutions.tuple("kernel_size", kernelSize, 2, false);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the strides (default 1); a stride above 1 excludes a dilation rate above 1.
         *
         * @param values one value for both axes, or (rows, cols), positive
         * @return this builder
         */
        public Builder strides(int... values) {
            this.strides = Convolutions.tuple("strides", values, 2, false);
            return this;
        }

        /** @param value "valid" (default) or "same", case-insensitive @return this builder */
        public Builder padding(String value) {
            this.padding = ConvUtils.Padding.of(value, false);
            return this;
        }

        /**
         * Sets the data format.
         *
         * @param value "channels_last" (default; also for null) or "channels_first"
         * @return this builder
         */
        public Builder dataFormat(@Nullable String value) {
            this.channelsFirst = Convolutions.channelsFirst(value);
            return this;
        }

        /**
         * Sets the dilation rate (default 1) of the depthwise step.
         *
         * @param values one value for both axes, or (rows, cols), positive
         * @return this builder
         */
        public Builder dilationRate(int... values) {
            this.dilationRate = Convolutions.tuple("dilation_rate", values, 2, false);
            return this;
        }

        /**
         * Sets the number of depthwise kernels per input channel.
         *
         * @param value the depth multiplier (default 1), positive
         * @return this builder
         * @throws IllegalArgumentException for a non-positive value
         */
        public Builder depthMultiplier(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(
                        "depth_multiplier must be a positive integer. Received: depth_multiplier=" + value);
            }
            this.depthMultiplier = value;
            return this;
        }

        /** @param value a Keras initializer name @return this builder */
        public Builder depthwiseInitializer(String value) {
            return depthwiseInitializer(Initializers.get(value));
        }

        /** @param value the depthwise kernel initializer @return this builder */
        public Builder depthwiseInitializer(Initializer value) {
            this.depthwiseInitializer = Objects.requireNonNull(value, "depthwiseInitializer");
            return this;
        }

        /** @param value a Keras initializer name @return this builder */
        public Builder pointwiseInitializer(String value) {
            return pointwiseInitializer(Initializers.get(value));
        }

        /** @param value the pointwise kernel initializer @return this builder */
        public Builder pointwiseInitializer(Initializer value) {
            this.pointwiseInitializer = Objects.requireNonNull(value, "pointwiseInitializer");
            return this;
        }

        /** @param value penalty on the depthwise kernel, or null @return this builder */
        public Builder depthwiseRegularizer(@Nullable Regularizer value) {
            this.depthwiseRegularizer = value;
            return this;
        }

        /** @param value penalty on the pointwise kernel, or null @return this builder */
        public Builder pointwiseRegularizer(@Nullable Regularizer value) {
            this.pointwiseRegularizer = value;
            return this;
        }

        /** @param value projection of the depthwise kernel after each update, or null @return this builder */
        public Builder depthwiseConstraint(@Nullable Constraint value) {
            this.depthwiseConstraint = value;
            return this;
        }

        /** @param value projection of the pointwise kernel after each update, or null @return this builder */
        public Builder pointwiseConstraint(@Nullable Constraint value) {
            this.pointwiseConstraint = value;
            return this;
        }

        /**
         * Creates the layer.
         *
         * @return the layer
         * @throws IllegalArgumentException if a stride and a dilation rate are both above 1
         */
        public SeparableConv2D build() {
            return new SeparableConv2D(this);
        }
    }
}
