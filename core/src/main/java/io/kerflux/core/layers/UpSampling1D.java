package io.kerflux.core.layers;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Repeats each step of a sequence {@code size} times.
 *
 * <p>Keras equivalent: {@code keras.layers.UpSampling1D(size=2)}, that is {@code
 * K.repeat_elements(x, size, axis=1)}: steps {@code a, b} become {@code a, a, b, b}. Inputs are
 * {@code (steps, features)} per sample.
 */
public final class UpSampling1D extends Layer {
    private final int size;

    /** Repeats each step twice (Keras' default). */
    public UpSampling1D() {
        this(builder());
    }

    /**
     * Repeats each step.
     *
     * @param size the number of copies of each step, positive
     * @throws IllegalArgumentException for a non-positive size
     */
    public UpSampling1D(int size) {
        this(builder().size(size));
    }

    private UpSampling1D(Builder b) {
        super("up_sampling1d");
        this.size = b.size;
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
        return "UpSampling1D";
    }

    /** @return the number of copies of each step */
    public int size() {
        return size;
    }

    /**
     * The up-sampled shape: {@code (size · steps, features)}.
     *
     * @param inputShape {@code (steps, features)}
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 2-D per sample
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        Convolutions.requireRank(this, inputShape, 2);
        return new long[] {inputShape[0] * size, inputShape[1]};
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        return input.repeat(1, size);
    }

    /** Each input step receives the sum of the gradients of its copies. */
    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        long steps = gradOutput.size(1) / size;
        return gradOutput.reshape('c', gradOutput.size(0), steps, size, gradOutput.size(2)).sum(2);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("size", size);
        return c;
    }

    /** Builder for UpSampling1D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private int size = 2;

        private Builder() { }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the up-sampling factor.
         *
         * @param value the number of copies of each step (default 2), positive
         * @return this builder
         * @throws IllegalArgumentException for a non-positive value
         */
        public Builder size(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("size must be a positive integer. Received: size=" + value);
            }
            this.size = value;
            return this;
        }

        /** @return the layer */
        public UpSampling1D build() {
            return new UpSampling1D(this);
        }
    }
}
