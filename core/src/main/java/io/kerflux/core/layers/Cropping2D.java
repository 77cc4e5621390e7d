package io.kerflux.core.layers;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Removes rows and columns at the borders of each image.
 *
 * <p>Keras equivalent: {@code keras.layers.Cropping2D(cropping=((0, 0), (0, 0)),
 * data_format=None)}. The cropping is one value for every side, {@code (symmetricHeight,
 * symmetricWidth)}, or {@code ((top, bottom), (left, right))}. Keras 2.3.1 checks neither the sign
 * of the values nor that something is left; both are rejected here (negative values when the layer
 * is created, an empty output when its shape is computed).
 */
public final class Cropping2D extends Layer {
    private final int[][] cropping;
    private final boolean channelsFirst;

    private long @Nullable [] lastInputShape;

    /** A cropping of nothing, channels last (Keras' defaults). */
    public Cropping2D() {
        this(builder());
    }

    /**
     * Crops symmetrically, channels last.
     *
     * @param cropping one value for every side, or (rows removed at the top and at the bottom,
     *     columns removed on the left and on the right); non-negative
     * @throws IllegalArgumentException for another count or a negative value
     */
    public Cropping2D(int... cropping) {
        this(builder().cropping(cropping));
    }

    /**
     * Crops each side by its own amount, channels last.
     *
     * @param cropping {@code {{top, bottom}, {left, right}}}, non-negative
     * @throws IllegalArgumentException for another shape or a negative value
     */
    public Cropping2D(int[][] cropping) {
        this(builder().cropping(cropping));
    }

    private Cropping2D(Builder b) {
        super("cropping2d");
        this.cropping = b.cropping;
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
        return "Cropping2D";
    }

    /** @return {@code {{top, bottom}, {left, right}}}, a copy */
    public int[][] cropping() {
        return new int[][] {cropping[0].clone(), cropping[1].clone()};
    }

    /**
     * The cropped shape: rows − top − bottom, cols − left − right, channels unchanged.
     *
     * @param inputShape {@code (rows, cols, channels)} or channels first
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 3-D per sample or the cropping leaves no
     *     row or no column
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        Convolutions.requireRank(this, inputShape, 3);
        long[] out = inputShape.clone();
        int rowAxis = channelsFirst ? 1 : 0;
        out[rowAxis] -= cropping[0][0] + cropping[0][1];
        out[rowAxis + 1] -= cropping[1][0] + cropping[1][1];
        if (out[rowAxis] <= 0 || out[rowAxis + 1] <= 0) {
            throw new IllegalArgumentException("`cropping` leaves nothing of the input of layer " + name()
                    + ": it must remove fewer rows and columns than the input has. Received: input_shape="
                    + shapeString(inputShape) + ", cropping=" + Convolutions.nestedString(cropping));
        }
        return out;
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        lastInputShape = input.shape();
        computeOutputShape(Convolutions.perSample(input));
        return kept(input).dup('c');
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        INDArray gx = Nd4j.create(gradOutput.dataType(), lastInputShape);
        kept(gx).assign(gradOutput);
        return gx;
    }

    /** The view of an input-shaped array that the cropping keeps. */
    private INDArray kept(INDArray full) {
        int rowAxis = channelsFirst ? 2 : 1;
        INDArrayIndex rows = NDArrayIndex.interval(cropping[0][0], full.size(rowAxis) - cropping[0][1]);
        INDArrayIndex cols = NDArrayIndex.interval(cropping[1][0], full.size(rowAxis + 1) - cropping[1][1]);
        return channelsFirst
                ? full.get(NDArrayIndex.all(), NDArrayIndex.all(), rows, cols)
                : full.get(NDArrayIndex.all(), rows, cols, NDArrayIndex.all());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("cropping", Convolutions.list(cropping));
        c.put("data_format", Convolutions.dataFormatName(channelsFirst));
        return c;
    }

    /** Builder for Cropping2D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private int[][] cropping = {{0, 0}, {0, 0}};
        private boolean channelsFirst;

        private Builder() { }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets a symmetric cropping.
         *
         * @param values one value for every side, or (symmetric height, symmetric width);
         *     non-negative
         * @return this builder
         * @throws IllegalArgumentException for another count or a negative value
         */
        public Builder cropping(int... values) {
            this.cropping = Convolutions.symmetricPairs("cropping", "crop", values);
            return this;
        }

        /**
         * Sets the cropping of each side.
         *
         * @param values {@code {{top, bottom}, {left, right}}}, non-negative
         * @return this builder
         * @throws IllegalArgumentException for another shape or a negative value
         */
        public Builder cropping(int[][] values) {
            this.cropping = Convolutions.pairs("cropping", values);
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
        public Cropping2D build() {
            return new Cropping2D(this);
        }
    }
}
