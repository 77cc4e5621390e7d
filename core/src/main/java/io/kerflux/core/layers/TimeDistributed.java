package io.kerflux.core.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies a layer to every temporal slice of its input: for an input {@code (batch, T, …)} the
 * wrapped layer sees each {@code (batch, …)} slice, with the same weights for every step.
 *
 * <p>Keras equivalent: {@code keras.layers.TimeDistributed(layer)}. As Keras does when the batch
 * size is not fixed, the time axis is folded into the batch axis: the wrapped layer runs once on
 * {@code (batch·T, …)} and its output is unfolded to {@code (batch, T, …)}. A Dropout inside
 * therefore draws an independent mask for every step.
 *
 * <p>The wrapper owns no weights of its own: {@link #weights()}, {@link #getWeights()}, {@link
 * #setWeights} and {@link #trainable()} are the wrapped layer's, as in Keras, so weights saved by
 * Keras load unchanged. The wrapped layer is built for the per-step shape {@code (…)}.
 *
 * <p>Masks: the wrapper accepts a mask when the wrapped layer does. The mask {@code (batch, T, …)}
 * is folded like the input and passed to the wrapped layer; the output mask is the wrapped layer's
 * own mask unfolded to {@code (batch, T, …)}, or, when the wrapped layer makes none, the input mask
 * reduced to {@code (batch, T)} with {@code any} over its further axes (Keras 2.3's rules).
 *
 * <p>An activity regularizer of the wrapped layer is applied once, to its folded output, which has
 * the same values as the unfolded one.
 */
public final class TimeDistributed extends Layer {
    private final Layer layer;

    private long @Nullable [] lastInputShape;

    /**
     * Wraps a layer.
     *
     * @param layer the layer to apply to every timestep; it may already be built for the per-step
     *     shape
     */
    public TimeDistributed(Layer layer) {
        this(builder(layer));
    }

    private TimeDistributed(Builder b) {
        super("time_distributed");
        this.layer = b.layer;
        b.applyTo(this);
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @param layer the layer to apply to every timestep
     * @return the builder
     */
    public static Builder builder(Layer layer) {
        return new Builder(layer);
    }

    @Override
    public String className() {
        return "TimeDistributed";
    }

    /** @return the wrapped layer */
    public Layer layer() {
        return layer;
    }

    @Override
    public boolean supportsMasking() {
        return layer.supportsMasking();
    }

    /**
     * The output mask, from the wrapped layer's mask or the input mask (see the class comment).
     *
     * @param input the input of the call, {@code (batch, T, …)}
     * @param mask the input's mask {@code (batch, T, …)}, or null
     * @return the output mask with leading axes {@code (batch, T)}, or null
     */
    @Override
    public @Nullable INDArray computeMask(INDArray input, @Nullable INDArray mask) {
        long batch = input.size(0);
        long steps = input.size(1);
        INDArray innerMask = mask == null ? null : fold(mask);
        INDArray outMask = layer.computeMask(fold(input), innerMask);
        if (outMask != null) {
            return unfold(outMask, batch, steps);
        }
        if (mask == null) {
            return null;
        }
        return mask.rank() == 2 ? mask : mask.reshape('c', batch, steps, -1).max(2);
    }

    /**
     * The output shape: the wrapped layer's output shape for one step, after the time axis.
     *
     * @param inputShape the per-sample shape {@code (T, …)}, at least 2 axes
     * @return {@code (T, stepOutputShape…)}
     * @throws IllegalArgumentException if the input has fewer than 3 axes with the batch axis, or
     *     the wrapped layer cannot take the per-step shape
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length < 2) {
            throw new IllegalArgumentException("`TimeDistributed` Layer should be passed an `input_shape` with at "
                    + "least 3 dimensions, received: " + shapeString(inputShape));
        }
        long[] step = layer.computeOutputShape(Arrays.copyOfRange(inputShape, 1, inputShape.length));
        long[] out = new long[step.length + 1];
        out[0] = inputShape[0];
        System.arraycopy(step, 0, out, 1, step.length);
        return out;
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        layer.build(Arrays.copyOfRange(inputShape, 1, inputShape.length), context);
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        INDArray mask = inputMask();
        INDArray y = layer.call(fold(input), mask == null ? null : fold(mask), training);
        lastInputShape = input.shape();
        return unfold(y, input.size(0), input.size(1));
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray gx = layer.backprop(fold(gradOutput), needInputGradient);
        return gx == null ? null : gx.reshape('c', lastInputShape);
    }

    /** (batch, T, rest…) to (batch·T, rest…); a view when the array is contiguous. */
    private static INDArray fold(INDArray a) {
        long[] shape = a.shape();
        long[] folded = new long[shape.length - 1];
        folded[0] = shape[0] * shape[1];
        System.arraycopy(shape, 2, folded, 1, shape.length - 2);
        return a.reshape('c', folded);
    }

    /** (batch·T, rest…) to (batch, T, rest…). */
    private static INDArray unfold(INDArray a, long batch, long steps) {
        long[] shape = a.shape();
        long[] unfolded = new long[shape.length + 1];
        unfolded[0] = batch;
        unfolded[1] = steps;
        System.arraycopy(shape, 1, unfolded, 2, shape.length - 1);
        return a.reshape('c', unfolded);
    }

    /**
     * Restarts the wrapped layer's random generator (a wrapped Dropout's masks).
     *
     * @param seed the new seed
     */
    @Override
    public void reseed(long seed) {
        layer.reseed(seed);
    }

    /** @return the wrapped layer's random state */
    @Override
    public long[] randomState() {
        return layer.randomState();
    }

    /** @param state the wrapped layer's random state */
    @Override
    public void restoreRandomState(long[] state) {
        layer.restoreRandomState(state);
    }

    /** @return whether the wrapped layer is stateful */
    @Override
    public boolean isStateful() {
        return layer.isStateful();
    }

    /** @return whether the wrapped layer is trainable, as Keras' wrapper reports */
    @Override
    public boolean trainable() {
        return layer.trainable();
    }

    /**
     * Freezes or unfreezes the wrapped layer together with the wrapper.
     *
     * @param value false to freeze
     * @return this layer
     */
    @Override
    public Layer trainable(boolean value) {
        super.trainable(value);
        layer.trainable(value);
        return this;
    }

    /** @return the wrapped layer's weights */
    @Override
    public List<Weight> weights() {
        return layer.weights();
    }

    /** @return the wrapped layer's trainable weights */
    @Override
    public List<Weight> trainableWeights() {
        return layer.trainableWeights();
    }

    /** @return the wrapped layer's non-trainable weights */
    @Override
    public List<Weight> nonTrainableWeights() {
        return layer.nonTrainableWeights();
    }

    /** @return copies of the wrapped layer's weight values */
    @Override
    public List<INDArray> getWeights() {
        return layer.getWeights();
    }

    /**
     * Sets the wrapped layer's weight values.
     *
     * @param values one array per weight of the wrapped layer, in Keras order
     * @throws IllegalArgumentException if the count or a shape differs
     */
    @Override
    public void setWeights(List<INDArray> values) {
        layer.setWeights(values);
    }

    /**
     * The number of scalars in the wrapped layer's weights.
     *
     * @return the count
     * @throws IllegalStateException if the layer is not built
     */
    @Override
    public long countParams() {
        requireBuilt("count_params");
        return layer.countParams();
    }

    /** @return the wrapped layer's weight and activity penalties */
    @Override
    public double regularizationLoss() {
        return layer.regularizationLoss();
    }

    /**
     * The Keras config: the base keys, then {@code layer} as {@code {"class_name", "config"}}.
     *
     * @return the config
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("trainable", trainable());
        c.put("layer", Configs.object(layer.className(), layer.getConfig()));
        return c;
    }

    /** Builder for TimeDistributed's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private final Layer layer;

        private Builder(Layer layer) {
            this.layer = Objects.requireNonNull(layer, "layer");
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the layer */
        public TimeDistributed build() {
            return new TimeDistributed(this);
        }
    }
}
