package io.kerflux.core.layers;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 1-D convolution over sequences: {@code output = activation(crossCorrelation(input, kernel) +
 * bias)} along the steps.
 *
 * <p>Keras equivalent: {@code keras.layers.Conv1D}. The kernel has shape {@code (kernelSize,
 * inputChannels, filters)} whatever the data format, so weights from Keras load unchanged. As in
 * Keras with TensorFlow the kernel is not flipped, "same" padding puts the odd extra step at the
 * end, and "causal" padding adds {@code dilationRate·(kernelSize − 1)} zeros before the first step
 * only, so that output step t sees no input after t. Inputs are {@code (steps, channels)} per
 * sample, or {@code (channels, steps)} with {@code dataFormat("channels_first")}.
 */
public final class Conv1D extends Layer {
    private final int filters;
    private final int kernelSize;
    private final int strides;
    private final ConvUtils.Padding padding;
    private final boolean channelsFirst;
    private final int dilationRate;
    private final KernelArguments args;
    private final Convolutions convolutions;
    private final ConvOutput output;

    private @Nullable Weight kernel;
    private @Nullable Weight bias;
    private long @Nullable [] lastInputShape;

    /**
     * A linear Conv1D with Keras' defaults: strides 1, "valid" padding, channels last, no dilation,
     * glorot_uniform kernel, zero bias.
     *
     * @param filters the number of output channels, positive
     * @param kernelSize the length of the convolution window, positive
     * @throws IllegalArgumentException for a non-positive filter count or kernel size
     */
    public Conv1D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    private Conv1D(Builder b) {
        super("conv1d");
        Convolutions.checkStridesWithDilation(new int[] {b.strides}, new int[] {b.dilationRate});
        if (b.padding == ConvUtils.Padding.CAUSAL && b.channelsFirst) {
            throw new IllegalArgumentException("When using causal padding in `Conv1D`, `data_format` must be "
                    + "\"channels_last\" (temporal data). Received: data_format=channels_first");
        }
        this.filters = b.filters;
        this.kernelSize = b.kernelSize;
        this.strides = b.strides;
        this.padding = b.padding;
        this.channelsFirst = b.channelsFirst;
        this.dilationRate = b.dilationRate;
        this.args = b.kernelArguments();
        this.convolutions = new Convolutions(new int[] {1, kernelSize}, new int[] {1, strides},
                new int[] {1, dilationRate}, padding, channelsFirst);
        this.output = new ConvOutput(convolutions, channelsFirst);
        b.applyTo(this);
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @param filters the number of output channels, positive
     * @param kernelSize the length of the convolution window, positive
     * @return the builder
     * @throws IllegalArgumentException for a non-positive filter count or kernel size
     */
    public static Builder builder(int filters, int kernelSize) {
        return new Builder(filters, kernelSize);
    }

    @Override
    public String className() {
        return "Conv1D";
    }

    /** @return the number of output channels */
    public int filters() {
        return filters;
    }

    /** @return the length of the convolution window */
    public int kernelSize() {
        return kernelSize;
    }

    /**
     * The output shape: {@code (outSteps, filters)}, or {@code (filters, outSteps)} channels first,
     * the length by Keras' {@code conv_output_length} ("causal" gives the same length as "same").
     *
     * @param inputShape {@code (steps, channels)} or channels first
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 2-D per sample or is shorter than the
     *     dilated kernel with "valid" padding
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        Convolutions.requireRank(this, inputShape, 2);
        long steps = convolutions.outputLength(1, inputShape[channelsFirst ? 1 : 0]);
        if (steps <= 0) {
            throw new IllegalArgumentException("Input 0 of layer " + name() + " is shorter than its dilated kernel: "
                    + "the output would have " + steps + " steps. Received input shape " + shapeString(inputShape)
                    + " with kernel_size=(" + kernelSize + ",), dilation_rate=(" + dilationRate + ",), padding="
                    + padding.kerasName());
        }
        return channelsFirst ? new long[] {filters, steps} : new long[] {steps, filters};
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        long inputChannels = inputShape[channelsFirst ? 0 : 1];
        kernel = addWeight("kernel", new long[] {kernelSize, inputChannels, filters},
                args.kernelInitializer(), args.kernelRegularizer(), args.kernelConstraint(), true, context);
        if (args.useBias()) {
            bias = addWeight("bias", new long[] {filters}, args.biasInitializer(), args.biasRegularizer(),
                    args.biasConstraint(), true, context);
        }
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        long channels = kernel.value().size(1);
        convolutions.requireInput(this, input, 3, channels);
        long batch = input.size(0);
        long steps = input.size(channelsFirst ? 2 : 1);
        lastInputShape = input.shape();
        // A sequence is an image of height 1: (batch, 1, steps, channels) or (batch, channels, 1, steps).
        INDArray image = channelsFirst ? input.reshape('c', batch, channels, 1, steps)
                : input.reshape('c', batch, 1, steps, channels);
        return output.forward(image, kernel2d(kernel.value()), bias, args.activation(),
                new long[] {batch, convolutions.outputLength(1, steps), filters});
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray gz2d = output.backward(gradOutput, args.activation(), kernel2d(kernel.gradient()), bias);
        return needInputGradient
                ? convolutions.inputGradient(gz2d, kernel2d(kernel.value())).reshape('c', lastInputShape) : null;
    }

    /** The (k, in, filters) kernel as the (k·in, filters) matrix the columns multiply. */
    private INDArray kernel2d(INDArray k) {
        return k.reshape('c', -1, filters);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("kernel_size", List.of(kernelSize));
        c.put("strides", List.of(strides));
        c.put("padding", padding.kerasName());
        c.put("data_format", Convolutions.dataFormatName(channelsFirst));
        c.put("dilation_rate", List.of(dilationRate));
        args.putConfig(c, activityRegularizer());
        return c;
    }

    /** Builder for Conv1D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends KernelLayerBuilder<Builder> {
        private final int filters;
        private final int kernelSize;
        private int strides = 1;
        private ConvUtils.Padding padding = ConvUtils.Padding.VALID;
        private boolean channelsFirst;
        private int dilationRate = 1;

        private Builder(int filters, int kernelSize) {
            if (filters <= 0) {
                throw new IllegalArgumentException("filters must be a positive integer. Received: filters=" + filters);
            }
            this.filters = filters;
            this.kernelSize = Convolutions.tuple("kernel_size", new int[] {kernelSize}, 1, false)[0];
        }

        /**
         * Sets the stride (default 1); a stride above 1 excludes a dilation rate above 1.
         *
         * @param value the stride, positive
         * @return this builder
         */
        public Builder strides(int value) {
            this.strides = Convolutions.tuple("strides", new int[] {value}, 1, false)[0];
            return this;
        }

        /**
         * Sets the padding.
         *
         * @param value "valid" (default), "same" or "causal", case-insensitive; "causal" needs
         *     channels last
         * @return this builder
         */
        public Builder padding(String value) {
            this.padding = ConvUtils.Padding.of(value, true);
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
         * @param value the dilation rate, positive
         * @return this builder
         */
        public Builder dilationRate(int value) {
            this.dilationRate = Convolutions.tuple("dilation_rate", new int[] {value}, 1, false)[0];
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
         * @throws IllegalArgumentException if the stride and the dilation rate are both above 1, or
         *     for "causal" padding with channels first
         */
        public Conv1D build() {
            return new Conv1D(this);
        }
    }
}
