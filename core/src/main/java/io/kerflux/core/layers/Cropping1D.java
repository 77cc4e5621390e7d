package io.kerflux.core.layers;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Removes steps at the start and the end of each sequence.
 *
 * <p>Keras equivalent: {@code keras.layers.Cropping1D(cropping=(1, 1))}. Inputs are {@code (steps,
 * features)} per sample; the cropping is one value for both ends or {@code (start, end)}. Keras
 * 2.3.1 checks neither the sign of the values nor that a step is left; both are rejected here.
 */
public final class Cropping1D extends Layer {
    private final int[] cropping;

    private long @Nullable [] lastInputShape;

    /** Removes one step at each end (Keras' default). */
    public Cropping1D() {
        this(builder());
    }

    /**
     * Crops each sequence.
     *
     * @param cropping one value for both ends, or (start, end); non-negative
     * @throws IllegalArgumentException for another count or a negative value
     */
    public Cropping1D(int... cropping) {
        this(builder().cropping(cropping));
    }

    private Cropping1D(Builder b) {
        super("cropping1d");
        this.cropping = b.cropping;
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
        return "Cropping1D";
    }

    /** @return (start, end), a copy */
    public int[] cropping() {
        return cropping.clone();
    }

    /**
     * The cropped shape: {@code (steps − start − end, features)}.
     *
     * @param inputShape {@code (steps, features)}
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 2-D per sample or no step is left
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        Convolutions.requireRank(this, inputShape, 2);
        long steps = inputShape[0] - cropping[0] - cropping[1];
        if (steps <= 0) {
            throw new IllegalArgumentException("`cropping` leaves nothing of the input of layer " + name()
                    + ": it must remove fewer steps than the input has. Received: input_shape="
                    + shapeString(inputShape) + ", cropping=" + Convolutions.tupleString(cropping));
        }
        return new long[] {steps, inputShape[1]};
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
        return full.get(NDArrayIndex.all(), NDArrayIndex.interval(cropping[0], full.size(1) - cropping[1]),
                NDArrayIndex.all());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("cropping", Convolutions.list(cropping));
        return c;
    }

    /** Builder for Cropping1D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private int[] cropping = {1, 1};

        private Builder() { }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the cropping.
         *
         * @param values one value for both ends, or (start, end); non-negative
         * @return this builder
         * @throws IllegalArgumentException for another count or a negative value
         */
        public Builder cropping(int... values) {
            this.cropping = Convolutions.tuple("cropping", values, 2, true);
            return this;
        }

        /** @return the layer */
        public Cropping1D build() {
            return new Cropping1D(this);
        }
    }
}
