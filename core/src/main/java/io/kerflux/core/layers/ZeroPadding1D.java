package io.kerflux.core.layers;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Adds steps of zeros at the start and the end of each sequence.
 *
 * <p>Keras equivalent: {@code keras.layers.ZeroPadding1D(padding=1)}. Inputs are {@code (steps,
 * features)} per sample; the padding is one value for both ends or {@code (left, right)}. Keras
 * 2.3.1 does not check the sign of the values; negative ones are rejected here.
 */
public final class ZeroPadding1D extends Layer {
    private final int[] padding;

    private long @Nullable [] lastInputShape;

    /** Pads one step of zeros at each end (Keras' default). */
    public ZeroPadding1D() {
        this(builder());
    }

    /**
     * Pads each sequence.
     *
     * @param padding one value for both ends, or (left, right); non-negative
     * @throws IllegalArgumentException for another count or a negative value
     */
    public ZeroPadding1D(int... padding) {
        this(builder().padding(padding));
    }

    private ZeroPadding1D(Builder b) {
        super("zero_padding1d");
        this.padding = b.padding;
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
        return "ZeroPadding1D";
    }

    /** @return (left, right), a copy */
    public int[] padding() {
        return padding.clone();
    }

    /**
     * The padded shape: {@code (steps + left + right, features)}.
     *
     * @param inputShape {@code (steps, features)}
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 2-D per sample
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        Convolutions.requireRank(this, inputShape, 2);
        return new long[] {inputShape[0] + padding[0] + padding[1], inputShape[1]};
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        lastInputShape = input.shape();
        INDArray out = Nd4j.create(input.dataType(),
                Convolutions.withBatch(input.size(0), computeOutputShape(Convolutions.perSample(input))));
        interior(out).assign(input);
        return out;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        return needInputGradient ? interior(gradOutput).dup('c') : null;
    }

    /** The view of a padded array that holds the input. */
    private INDArray interior(INDArray padded) {
        return padded.get(NDArrayIndex.all(), NDArrayIndex.interval(padding[0], padding[0] + lastInputShape[1]),
                NDArrayIndex.all());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("padding", Convolutions.list(padding));
        return c;
    }

    /** Builder for ZeroPadding1D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private int[] padding = {1, 1};

        private Builder() { }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the padding.
         *
         * @param values one value for both ends, or (left, right); non-negative
         * @return this builder
         * @throws IllegalArgumentException for another count or a negative value
         */
        public Builder padding(int... values) {
            this.padding = Convolutions.tuple("padding", values, 2, true);
            return this;
        }

        /** @return the layer */
        public ZeroPadding1D build() {
            return new ZeroPadding1D(this);
        }
    }
}
