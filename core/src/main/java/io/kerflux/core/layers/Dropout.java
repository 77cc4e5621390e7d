package io.kerflux.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Randomly sets a fraction {@code rate} of the input units to 0 during training and scales the
 * kept ones by {@code 1 / (1 - rate)}, so the expected sum is unchanged; the identity at inference.
 *
 * <p>Keras equivalent: {@code keras.layers.Dropout(rate, noise_shape=None, seed=None)}.
 *
 * <p>Masks come from the layer's own generator. It is seeded from {@code seed} when one is given,
 * otherwise from a seed drawn from {@link BuildContext#rng()} when the layer is built, so a model
 * seed reproduces every mask. {@link #reseed(long)} restarts the generator, which lets a gradient
 * check draw the same mask before every forward pass; {@link #randomState()} is what a checkpoint
 * stores to continue the masks after a restore. The backward pass reuses the mask of the
 * last forward pass.
 *
 * <p>When it does nothing (inference, or {@code rate} 0) the layer returns its input array itself,
 * not a copy, as Keras returns its input tensor.
 *
 * <p>Unlike Keras 2.3.1, which silently clips {@code rate} into [0, 1] and treats 1 as "no
 * dropout", a rate outside [0, 1) is rejected.
 */
public final class Dropout extends Layer {
    /**
     * A {@code noiseShape} entry meaning "the size of the input along this axis", Keras' {@code None}.
     */
    public static final long SAME_AS_INPUT = 0;

    private final double rate;
    private final long @Nullable [] noiseShape;
    private final @Nullable Long seed;

    private @Nullable MaskRandom maskRandom;
    private @Nullable INDArray lastMask;

    /**
     * A Dropout layer without noise shape or seed.
     *
     * @param rate the fraction of units to drop, in [0, 1)
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
     */
    public Dropout(double rate) {
        this(builder(rate));
    }

    private Dropout(Builder b) {
        super("dropout");
        this.rate = b.rate;
        this.noiseShape = b.noiseShape;
        this.seed = b.seed;
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @param rate the fraction of units to drop, in [0, 1)
     * @return the builder
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
     */
    public static Builder builder(double rate) {
        return new Builder(rate);
    }

    /** Keras 2 lets masks pass through this layer unchanged. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public String className() {
        return "Dropout";
    }

    /** @return the fraction of units dropped in training */
    public double rate() {
        return rate;
    }

    /** @return the mask shape, batch axis first, {@link #SAME_AS_INPUT} entries included, or null */
    public long @Nullable [] noiseShape() {
        return noiseShape == null ? null : noiseShape.clone();
    }

    /** @return the seed given at construction, or null */
    public @Nullable Long seed() {
        return seed;
    }

    /**
     * Restarts the mask generator, so the next training forward pass draws the same mask as the
     * first one after an earlier {@code reseed} with the same value. Gradient checks call it before
     * every forward pass.
     *
     * @param newSeed the generator seed
     * @throws IllegalStateException if the layer is not built (building draws the initial seed)
     */
    @Override
    public void reseed(long newSeed) {
        requireBuilt("reseed");
        maskRandom.reseed(newSeed);
    }

    /**
     * @return {seed, training calls so far}
     * @throws IllegalStateException if the layer is not built
     */
    @Override
    public long[] randomState() {
        requireBuilt("randomState");
        return maskRandom.state();
    }

    /**
     * @param state {seed, training calls so far}, from {@link #randomState()}
     * @throws IllegalStateException if the layer is not built
     */
    @Override
    public void restoreRandomState(long[] state) {
        requireBuilt("restoreRandomState");
        maskRandom.restore(name(), state);
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (noiseShape != null) {
            if (noiseShape.length != inputShape.length + 1) {
                throw new IllegalArgumentException("noise_shape must have one entry per input axis, batch axis first: "
                        + (inputShape.length + 1) + " entries for input shape " + shapeString(inputShape)
                        + ". Received: noise_shape=" + noiseShapeString());
            }
            for (int axis = 1; axis < noiseShape.length; axis++) {
                checkBroadcastable(axis, inputShape[axis - 1]);
            }
        }
        return inputShape.clone();
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        maskRandom = new MaskRandom(seed != null ? seed : context.rng().nextLong());
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        if (!training || rate == 0) {
            lastMask = null;
            return input;
        }
        lastMask = drawMask(resolveNoiseShape(input.shape()), input.dataType());
        return input.mul(lastMask);
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        return lastMask == null ? gradOutput : gradOutput.mul(lastMask);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rate", rate);
        List<@Nullable Long> shape = null;
        if (noiseShape != null) {
            shape = new ArrayList<>();
            for (long d : noiseShape) {
                shape.add(d == SAME_AS_INPUT ? null : d);
            }
        }
        c.put("noise_shape", shape);
        c.put("seed", seed);
        return c;
    }

    /** The mask of inverted dropout: 0 for dropped units, 1/(1-rate) for kept ones. */
    private INDArray drawMask(long[] shape, DataType dtype) {
        SplittableRandom g = maskRandom.nextCall();
        double scale = 1.0 / (1.0 - rate);
        double[] values = new double[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            // u >= rate keeps a unit with probability 1 - rate, as TensorFlow's dropout does
            values[i] = g.nextDouble() >= rate ? scale : 0.0;
        }
        return Nd4j.create(values, shape, dtype);
    }

    private long[] resolveNoiseShape(long[] inputShape) {
        if (noiseShape == null) {
            return inputShape;
        }
        if (noiseShape.length != inputShape.length) {
            throw new IllegalArgumentException("noise_shape must have one entry per input axis, batch axis first: "
                    + inputShape.length + " entries for an input of shape " + Arrays.toString(inputShape)
                    + ". Received: noise_shape=" + noiseShapeString());
        }
        long[] shape = new long[inputShape.length];
        for (int axis = 0; axis < shape.length; axis++) {
            checkBroadcastable(axis, inputShape[axis]);
            shape[axis] = noiseShape[axis] == SAME_AS_INPUT ? inputShape[axis] : noiseShape[axis];
        }
        return shape;
    }

    private void checkBroadcastable(int axis, long inputSize) {
        long n = noiseShape[axis];
        if (n != SAME_AS_INPUT && n != 1 && n != inputSize) {
            throw new IllegalArgumentException("noise_shape must broadcast to the input: entry " + axis
                    + " must be None (0), 1 or " + inputSize + ". Received: noise_shape=" + noiseShapeString());
        }
    }

    private String noiseShapeString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < noiseShape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(noiseShape[i] == SAME_AS_INPUT ? "None" : String.valueOf(noiseShape[i]));
        }
        return sb.append(noiseShape.length == 1 ? ",)" : ")").toString();
    }

    /** Builder for Dropout's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder {
        private final double rate;
        private long @Nullable [] noiseShape;
        private @Nullable Long seed;

        private Builder(double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException(
                        "rate must be a float in [0, 1), the fraction of units to drop. Received: rate=" + rate);
            }
            this.rate = rate;
        }

        /**
         * Sets the shape of the mask, which is broadcast to the input ({@code noise_shape}).
         *
         * @param shape one entry per input axis, batch axis first; each {@link #SAME_AS_INPUT}
         *     (Keras' None), 1 (one mask value shared along that axis) or the input's size; null for
         *     the input's shape
         * @return this builder
         * @throws IllegalArgumentException if an entry is negative
         */
        public Builder noiseShape(long @Nullable ... shape) {
            if (shape != null) {
                for (long d : shape) {
                    if (d < 0) {
                        throw new IllegalArgumentException("noise_shape entries must be positive, or "
                                + "Dropout.SAME_AS_INPUT (0) for None. Received: noise_shape=" + Arrays.toString(shape));
                    }
                }
            }
            this.noiseShape = shape == null ? null : shape.clone();
            return this;
        }

        /** @param value the mask seed, or null to draw one from the model's generator @return this builder */
        public Builder seed(@Nullable Long value) {
            this.seed = value;
            return this;
        }

        /** @return the layer */
        public Dropout build() {
            return new Dropout(this);
        }
    }
}
