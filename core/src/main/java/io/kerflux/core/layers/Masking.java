package io.kerflux.core.layers;

import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.bool.Any;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masks timesteps whose features all equal {@code maskValue}: they are zeroed in the output, and
 * the mask passed to the following layers is 0 for them and 1 for the others.
 *
 * <p>Keras equivalent: {@code keras.layers.Masking(mask_value=0.0)}. For an input {@code (batch,
 * T, features)} the kept timesteps are {@code any(input != maskValue, axis=-1)}; the output is
 * {@code input · kept} and the mask {@code kept}, shape {@code (batch, T)}. A timestep with only
 * some features equal to {@code maskValue} is kept whole. The comparison is made in the input's
 * type, so {@code maskValue} is rounded to float32 in float32 models, as in Keras.
 *
 * <p>The backward pass multiplies the output gradient by {@code kept}, as Keras' automatic
 * differentiation does: masked timesteps get a zero gradient.
 */
public final class Masking extends Layer {
    private final double maskValue;

    private @Nullable INDArray lastKept;

    /** A Masking layer with Keras' default mask value, 0.0. */
    public Masking() {
        this(builder());
    }

    /**
     * A Masking layer.
     *
     * @param maskValue the value that marks a padded timestep when every feature equals it
     */
    public Masking(double maskValue) {
        this(builder().maskValue(maskValue));
    }

    private Masking(Builder b) {
        super("masking");
        this.maskValue = b.maskValue;
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
        return "Masking";
    }

    /** @return the value that marks padded timesteps */
    public double maskValue() {
        return maskValue;
    }

    /** Keras 2 lets a mask into this layer; the layer then replaces it with its own. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /**
     * The output mask: 1 for timesteps with a feature different from {@code maskValue}, else 0.
     *
     * @param input shape {@code (batch, T, features)} (or any rank of at least 2)
     * @param mask ignored: as in Keras, the mask comes from the input alone
     * @return the mask, the input's shape without its last axis, in the input's type
     */
    @Override
    public INDArray computeMask(INDArray input, @Nullable INDArray mask) {
        long[] shape = input.shape();
        return kept(input).reshape('c', Arrays.copyOf(shape, shape.length - 1));
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length < 1) {
            throw new IllegalArgumentException("Input 0 of layer " + name() + " is incompatible with the layer: "
                    + "expected min_ndim=2, found ndim=1. Received input shape " + shapeString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        INDArray kept = kept(input);
        lastKept = kept;
        return rows(input).mulColumnVector(kept).reshape('c', input.shape());
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        return rows(gradOutput).mulColumnVector(lastKept).reshape('c', gradOutput.shape());
    }

    /** The array as (timesteps, features) rows, the last axis being the features. */
    private static INDArray rows(INDArray a) {
        return a.reshape('c', -1, a.size(a.rank() - 1));
    }

    /** {@code any(x != maskValue, axis=-1)} as a (timesteps, 1) column of 0 and 1 in x's type. */
    private INDArray kept(INDArray x) {
        INDArray differs = rows(x).neq(maskValue);
        INDArray any = Nd4j.getExecutioner().exec(new Any(differs, 1));
        return any.castTo(x.dataType()).reshape(any.length(), 1);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("mask_value", maskValue);
        return c;
    }

    /** Builder for Masking's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private double maskValue;

        private Builder() { }

        @Override
        Builder self() {
            return this;
        }

        /** @param value the value that marks padded timesteps (default 0.0) @return this builder */
        public Builder maskValue(double value) {
            this.maskValue = value;
            return this;
        }

        /** @return the layer */
        public Masking build() {
            return new Masking(this);
        }
    }
}
