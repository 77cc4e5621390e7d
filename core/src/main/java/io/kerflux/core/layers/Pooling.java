package io.kerflux.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared part of the windowed pooling layers, Keras' {@code _Pooling1D} and {@code _Pooling2D}.
 *
 * <p>Max pooling of float32 and float64 arrays runs in Java ({@link MaxPoolKernel}, whose backward
 * pass is a scatter); average pooling and other types run in libnd4j's {@code maxpool2d}/{@code
 * avgpool2d} ops and their {@code _bp} twins. Both follow TensorFlow for {@code "same"} padding:
 * the window is padded by {@code floor(total / 2)} before and the rest after, a max ignores padded
 * cells and an average divides by the number of real cells in the window; the backward pass of a
 * max sends the gradient to the first maximum of each window, as TensorFlow's MaxPoolGrad does. A
 * 1D input gets a dummy spatial axis of size 1, as Keras does before calling its 2D pooling
 * function.
 */
public abstract class Pooling extends Layer {
    private final boolean max;
    private final int spatialRank;
    private final int[] poolSize;
    private final int[] strides;
    private final ConvUtils.Padding padding;
    private final boolean channelsFirst;

    private final @Nullable MaxPoolKernel maxKernel;

    private @Nullable INDArray lastInput4d;
    private long @Nullable [] lastInputShape;
    private long @Nullable [] lastOutput4dShape;

    /**
     * Creates a pooling layer from its builder.
     *
     * @param prefix the auto-name prefix ("max_pooling2d")
     * @param max true for max pooling, false for average pooling
     * @param b the validated arguments
     */
    Pooling(String prefix, boolean max, Builder<?> b) {
        super(prefix);
        this.max = max;
        this.spatialRank = b.spatialRank;
        this.poolSize = b.poolSize.clone();
        this.strides = b.strides == null ? b.poolSize.clone() : b.strides.clone();
        this.padding = b.padding;
        this.channelsFirst = b.channelsFirst;
        this.maxKernel = max ? new MaxPoolKernel(spatialRank == 2 ? poolSize : new int[] {poolSize[0], 1},
                spatialRank == 2 ? strides : new int[] {strides[0], 1}, padding == ConvUtils.Padding.SAME, channelsFirst)
                : null;
        b.applyTo(this);
    }

    /** @return the window size, one entry per spatial axis */
    public int[] poolSize() {
        return poolSize.clone();
    }

    /** @return the window step, one entry per spatial axis */
    public int[] strides() {
        return strides.clone();
    }

    /** @return {@code "valid"} or {@code "same"} */
    public String padding() {
        return padding.kerasName();
    }

    /** @return {@code "channels_last"} or {@code "channels_first"} */
    public String dataFormat() {
        return channelsFirst ? "channels_first" : "channels_last";
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != spatialRank + 1) {
            throw new IllegalArgumentException("Input 0 is incompatible with layer " + name() + ": expected ndim="
                    + (spatialRank + 2) + ", found ndim=" + (inputShape.length + 1) + ". Received input shape "
                    + shapeString(inputShape));
        }
        long[] out = inputShape.clone();
        int first = channelsFirst ? 1 : 0;
        for (int i = 0; i < spatialRank; i++) {
            long in = inputShape[first + i];
            long length = ConvUtils.outputLength(in, poolSize[i], padding, strides[i], 1);
            if (length <= 0) {
                throw new IllegalArgumentException("Negative dimension size caused by subtracting " + poolSize[i]
                        + " from " + in + " in layer " + name() + ": pool_size " + Convolutions.tupleString(poolSize)
                        + " with padding=\"valid\" does not fit the input shape " + shapeString(inputShape));
            }
            out[first + i] = length;
        }
        return out;
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        long[] shape = input.shape();
        long[] outShape = Convolutions.withBatch(shape[0], computeOutputShape(Convolutions.perSample(input)));
        INDArray x4 = spatialRank == 2 ? input : input.reshape('c', expand(shape));
        long[] out4Shape = spatialRank == 2 ? outShape : expand(outShape);
        INDArray out;
        if (maxKernel != null && MaxPoolKernel.supports(x4)) {
            out = maxKernel.forward(x4, out4Shape);
            lastInput4d = null;
        } else {
            out = Nd4j.createUninitialized(input.dataType(), out4Shape);
            Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d" : "avgpool2d")
                    .addInputs(x4).addOutputs(out).addIntegerArguments(opArguments()).build());
            lastInput4d = x4;
        }
        lastInputShape = shape;
        lastOutput4dShape = out4Shape;
        return spatialRank == 2 ? out : out.reshape('c', outShape);
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        INDArray g4 = spatialRank == 2 ? gradOutput : gradOutput.reshape('c', lastOutput4dShape);
        INDArray gradInput;
        if (lastInput4d == null) {
            gradInput = maxKernel.backward(g4);
        } else {
            gradInput = Nd4j.createUninitialized(gradOutput.dataType(), lastInput4d.shape());
            Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
                    .addInputs(lastInput4d, g4).addOutputs(gradInput).addIntegerArguments(opArguments()).build());
        }
        return spatialRank == 2 ? gradInput : gradInput.reshape('c', lastInputShape);
    }

    /**
     * The integer arguments of libnd4j's 2D pooling ops: kernel, strides, explicit padding (none:
     * "same" mode computes TensorFlow's), dilation, same mode, divisor mode (0 = average over real
     * cells only), and layout (1 = NHWC).
     */
    private int[] opArguments() {
        int kw = spatialRank == 2 ? poolSize[1] : 1;
        int sw = spatialRank == 2 ? strides[1] : 1;
        int same = padding == ConvUtils.Padding.SAME ? 1 : 0;
        return new int[] {poolSize[0], kw, strides[0], sw, 0, 0, 1, 1, same, 0, channelsFirst ? 0 : 1};
    }

    /** Inserts the dummy width axis of size 1 after the steps axis of a 1D shape with batch. */
    private long[] expand(long[] shape3d) {
        return channelsFirst
                ? new long[] {shape3d[0], shape3d[1], shape3d[2], 1}
                : new long[] {shape3d[0], shape3d[1], 1, shape3d[2]};
    }

    private static List<Integer> list(int[] values) {
        List<Integer> l = new ArrayList<>();
        for (int v : values) {
            l.add(v);
        }
        return l;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        // Keras 2.3's _Pooling1D and _Pooling2D list their keys in different orders
        if (spatialRank == 1) {
            c.put("strides", list(strides));
            c.put("pool_size", list(poolSize));
        } else {
            c.put("pool_size", list(poolSize));
        }
        c.put("padding", padding.kerasName());
        if (spatialRank == 2) {
            c.put("strides", list(strides));
        }
        c.put("data_format", dataFormat());
        return c;
    }

    /**
     * The optional Keras arguments shared by the pooling layers; each layer's public {@code Builder}
     * extends this and adds {@code build()}.
     *
     * @param <B> the concrete builder, returned by every method for chaining
     */
    public abstract static class Builder<B extends Builder<B>> extends LayerBuilder<B> {
        private final int spatialRank;
        private int[] poolSize;
        private int @Nullable [] strides;
        private ConvUtils.Padding padding = ConvUtils.Padding.VALID;
        private boolean channelsFirst;

        /**
         * Starts with Keras' defaults: pool size 2 along every axis, strides equal to it, "valid",
         * channels_last.
         *
         * @param spatialRank 1 or 2
         */
        Builder(int spatialRank) {
            this.spatialRank = spatialRank;
            this.poolSize = new int[spatialRank];
            Arrays.fill(poolSize, 2);
        }

        /**
         * Sets the window size ({@code pool_size}, default 2 along every spatial axis).
         *
         * @param size one positive integer for every spatial axis, or one per spatial axis
         * @return this builder
         * @throws IllegalArgumentException if the count or a value is wrong
         */
        public B poolSize(int... size) {
            this.poolSize = Convolutions.tuple("pool_size", size, spatialRank, false);
            return self();
        }

        /**
         * Sets the window step ({@code strides}); by default it equals {@code pool_size}.
         *
         * @param step one positive integer for every spatial axis, or one per spatial axis
         * @return this builder
         * @throws IllegalArgumentException if the count or a value is wrong
         */
        public B strides(int... step) {
            this.strides = Convolutions.tuple("strides", step, spatialRank, false);
            return self();
        }

        /**
         * Sets the padding mode ({@code padding}, default {@code "valid"}).
         *
         * @param value {@code "valid"} or {@code "same"}, any case
         * @return this builder
         * @throws IllegalArgumentException for any other value
         */
        public B padding(String value) {
            this.padding = ConvUtils.Padding.of(value, false);
            return self();
        }

        /**
         * Sets the position of the channel axis ({@code data_format}, default {@code "channels_last"}).
         *
         * @param value {@code "channels_last"} (steps or rows, cols before channels) or {@code
         *     "channels_first"}; null means the default
         * @return this builder
         * @throws IllegalArgumentException for any other value
         */
        public B dataFormat(@Nullable String value) {
            this.channelsFirst = Convolutions.channelsFirst(value);
            return self();
        }

    }
}
