package io.kerflux.core.layers;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Adds rows and columns of zeros around each image.
 *
 * <p>Keras equivalent: {@code keras.layers.ZeroPadding2D(padding=(1, 1), data_format=None)}. The
 * padding is one value for every side, {@code (symmetricHeight, symmetricWidth)}, or {@code ((top,
 * bottom), (left, right))}. Keras 2.3.1 does not check the sign of the values; negative ones are
 * rejected here rather than failing later in the backend.
 */
public final class ZeroPadding2D extends Layer {
    private final int[][] padding;
    private final boolean channelsFirst;

    private long @Nullable [] lastInputShape;

    /** Pads one row or column of zeros on every side, channels last (Keras' defaults). */
    public ZeroPadding2D() {
        this(builder());
    }

    /**
     * Pads symmetrically, channels last.
     *
     * @param padding one value for every side, or (rows added at the top and at the bottom,
     *     columns added on the left and on the right); non-negative
     * @throws IllegalArgumentException for another count or a negative value
     */
    public ZeroPadding2D(int... padding) {
        this(builder().padding(padding));
    }

    /**
     * Pads each side by its own amount, channels last.
     *
     * @param padding {@code {{top, bottom}, {left, right}}}, non-negative
     * @throws IllegalArgumentException for another shape or a negative value
     */
    public ZeroPadding2D(int[][] padding) {
        this(builder().padding(padding));
    }

    private ZeroPadding2D(Builder b) {
        super("zero_padding2d");
        this.padding = b.padding;
        this.channelsFirst = b.channelsFirst;
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
        return "ZeroPadding2D";
    }

    /** @return {@code {{top, bottom}, {left, right}}}, a copy */
    public int[][] padding() {
        return new int[][] {padding[0].clone(), padding[1].clone()};
    }

    /**
     * The padded shape: rows + top + bottom, cols + left + right, channels unchanged.
     *
     * @param inputShape {@code (rows, cols, channels)} or channels first
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 3-D per sample
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        Convolutions.requireRank(this, inputShape, 3);
        long[] out = inputShape.clone();
        int rowAxis = channelsFirst ? 1 : 0;
        out[rowAxis] += padding[0][0] + padding[0][1];
        out[rowAxis + 1] += padding[1][0] + padding[1][1];
        return out;
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        lastInputShape = input.shape();
        INDArray out = Nd4j.create(input.dataType(),
                Convolutions.withBatch(input.size(0), computeOutputShape(Convolutions.perSample(input))));
        interior(out, lastInputShape).assign(input);
        return out;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        return needInputGradient ? interior(gradOutput, lastInputShape).dup('c') : null;
    }

    /** The view of a padded array that holds the input. */
    private INDArray interior(INDArray padded, long[] inputShape) {
        int rowAxis = channelsFirst ? 2 : 1;
        INDArrayIndex rows = NDArrayIndex.interval(padding[0][0], padding[0][0] + inputShape[rowAxis]);
        INDArrayIndex cols = NDArrayIndex.interval(padding[1][0], padding[1][0] + inputShape[rowAxis + 1]);
        return channelsFirst
                ? padded.get(NDArrayIndex.all(), NDArrayIndex.all(), rows, cols)
                : padded.get(NDArrayIndex.all(), rows, cols, NDArrayIndex.all());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("padding", Convolutions.list(padding));
        c.put("data_format", Convolutions.dataFormatName(channelsFirst));
        return c;
    }

    /** Builder for ZeroPadding2D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private int[][] padding = {{1, 1}, {1, 1}};
        private boolean channelsFirst;

        private Builder() { }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets a symmetric padding.
         *
         * @param values one value for every side, or (symmetric height, symmetric width);
         *     non-negative
         * @return this builder
         * @throws IllegalArgumentException for another count or a negative value
         */
        public Builder padding(int... values) {
            this.padding = Convolutions.symmetricPairs("padding", "pad", values);
            return this;
        }

        /**
         * Sets the padding of each side.
         *
         * @param values {@code {{top, bottom}, {left, right}}}, non-negative
         * @return this builder
         * @throws IllegalArgumentException for another shape or a negative value
         */
        public Builder padding(int[][] values) {
            this.padding = Convolutions.pairs("padding", values);
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

        /** @return the layer */
        public ZeroPadding2D build() {
            return new ZeroPadding2D(this);
        }
    }
}
