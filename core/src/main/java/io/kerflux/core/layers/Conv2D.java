package io.kerflux.core.layers;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution over images: {@code output = activation(crossCorrelation(input, kernel) + bias)}.
 *
 * <p>Keras equivalent: {@code keras.layers.Conv2D}. The kernel has shape {@code (kernelRows,
 * kernelCols, inputChannels, filters)} whatever the data format, so weights from Keras load
 * unchanged. As in Keras with TensorFlow the kernel is not flipped, and "same" padding puts the odd
 * extra row or column at the bottom or right. Inputs are {@code (rows, cols, channels)} per sample,
 * or {@code (channels, rows, cols)} with {@code dataFormat("channels_first")}.
 */
public final class Conv2D extends Layer {
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final ConvUtils.Padding padding;
    private final boolean channelsFirst;
    private final int[] dilationRate;
    private final KernelArguments args;
    private final Convolutions convolutions;
    private final ConvOutput output;

    private @Nullable Weight kernel;
    private @Nullable Weight bias;

    /**
     * A linear Conv2D with Keras' defaults: strides 1, "valid" padding, channels last, no dilation,
     * glorot_uniform kernel, zero bias.
     *
     * @param filters the number of output channels, positive
     * @param kernelSize one value for a square kernel, or (rows, cols)
     * @throws IllegalArgumentException for a non-positive filter count or kernel size
     */
    public Conv2D(int filters, int... kernelSize) {
        this(builder(filters, kernelSize));
    }

    private Conv2D(Builder b) {
        super("conv2d");
        Convolutions.checkStridesWithDilation(b.strides, b.dilationRate);
        this.filters = b.filters;
        this.kernelSize = b.kernelSize;
        this.strides = b.strides;
        this.padding = b.padding;
        this.channelsFirst = b.channelsFirst;
        this.dilationRate = b.dilationRate;
        this.args = b.kernelArguments();
        this.convolutions = new Convolutions(kernelSize, strides, dilationRate, padding, channelsFirst);
        this.output = new ConvOutput(convolutions, channelsFirst);
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
        return "Conv2D";
    }

    /** @return the number of output channels */
    public int filters() {
        return filters;
    }

    /** @return (rows, cols) of the kernel */
    public int[] kernelSize() {
        return kernelSize.clone();
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
        long inputChannels = inputShape[channelsFirst ? 0 : 2];
        kernel = addWeight("kernel", new long[] {kernelSize[0], kernelSize[1], inputChannels, filters},
                args.kernelInitializer(), args.kernelRegularizer(), args.kernelConstraint(), true, context);
        if (args.useBias()) {
            bias = addWeight("bias", new long[] {filters}, args.biasInitializer(), args.biasRegularizer(),
                    args.biasConstraint(), true, context);
        }
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        convolutions.requireInput(this, input, 4, kernel.value().size(2));
        long rows = convolutions.outputLength(0, input.size(channelsFirst ? 2 : 1));
        long cols = convolutions.outputLength(1, input.size(channelsFirst ? 3 : 2));
        return output.forward(input, kernel2d(kernel.value()), bias, args.activation(),
                new long[] {input.size(0), rows, cols, filters});
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray gz2d = output.backward(gradOutput, args.activation(), kernel2d(kernel.gradient()), bias);
        return needInputGradient ? convolutions.inputGradient(gz2d, kernel2d(kernel.value())) : null;
    }

    /** The (kh, kw, in, filters) kernel as the (kh·kw·in, filters) matrix the columns multiply. */
    private INDArray kernel2d(INDArray k) {
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
        args.putConfig(c, activityRegularizer());
        return c;
    }

    /** Builder for Conv2D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends KernelLayerBuilder<Builder> {
        private final int filters;
        private final int[] kernelSize;
        private int[] strides = {1, 1};
        private ConvUtils.Padding padding = ConvUtils.Padding.VALID;
        private boolean channelsFirst;
        private int[] dilationRate = {1, 1};

        private Builder(int filters, int[] kernelSize) {
            if (filters <= 0) {
                throw new IllegalArgumentException("filters must be a positive integer. Received: filters=" + filters);
            }
            this.filters = filters;
            this.kernelSize = Convolutions.tuple("kernel_size", kernelSize, 2, false);
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
         * Sets the dilation rate (default 1) of an atrous convolution.
         *
         * @param values one value for both axes, or (rows, cols), positive
         * @return this builder
         */
        public Builder dilationRate(int... values) {
            this.dilationRate = Convolutions.tuple("dilation_rate", values, 2, false);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Creates the layer.
         *
         * @return the layer
         * @throws IllegalArgumentException if a stride and a dilation rate are both above 1
         */
        public Conv2D build() {
            return new Conv2D(this);
        }
    }
}
