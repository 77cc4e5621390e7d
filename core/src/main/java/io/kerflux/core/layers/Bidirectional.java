package io.kerflux.core.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs a recurrent layer over the sequence in both directions and merges the two outputs.
 *
 * <p>Keras equivalent: {@code keras.layers.Bidirectional(layer, merge_mode='concat')} (Keras 2.3).
 * The forward layer is a copy of {@code layer}; the backward layer is recreated from its config
 * with {@code go_backwards} flipped. With {@code returnSequences} the backward output is reversed
 * back to input order before merging, as Keras does. The weights are the forward layer's followed
 * by the backward layer's (Keras' order, so weights saved by Keras load unchanged); the wrapped
 * layer's activity regularizer is not applied, as in Keras 2.3, which calls the inner layers
 * directly.
 *
 * <p>{@code mergeMode} is "concat" (default), "sum", "mul" or "ave". Keras' {@code None} (two
 * separate outputs) is rejected: a Sequential model passes one output to the next layer.
 */
public final class Bidirectional extends Layer {
    private static final List<String> MERGE_MODES = List.of("sum", "mul", "ave", "concat");

    private final Recurrent layer;
    private final Recurrent forwardLayer;
    private final Recurrent backwardLayer;
    private final String mergeMode;

    private @Nullable INDArray lastForward;
    private @Nullable INDArray lastBackward;

    /**
     * Wraps a recurrent layer with merge mode "concat".
     *
     * @param layer a SimpleRNN, LSTM or GRU
     * @throws IllegalArgumentException if {@code layer} is not one of them
     */
    public Bidirectional(Layer layer) {
        this(builder(layer));
    }

    private Bidirectional(Builder b) {
        super("bidirectional");
        this.layer = b.layer;
        this.mergeMode = b.mergeMode;
        this.forwardLayer = layer.copyWithGoBackwards(layer.goBackwards());
        this.backwardLayer = layer.copyWithGoBackwards(!layer.goBackwards());
        forwardLayer.name("forward_" + layer.name());
        backwardLayer.name("backward_" + layer.name());
        forwardLayer.createWeightsOn(this);
        backwardLayer.createWeightsOn(this);
        b.applyTo(this);
        if (b.batchSize != null) {
            batchSize(b.batchSize);
        }
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @param layer a SimpleRNN, LSTM or GRU
     * @return the builder
     * @throws IllegalArgumentException if {@code layer} is not one of them
     */
    public static Builder builder(Layer layer) {
        return new Builder(layer);
    }

    @Override
    public String className() {
        return "Bidirectional";
    }

    /** @return the merge mode: "concat", "sum", "mul" or "ave" */
    public String mergeMode() {
        return mergeMode;
    }

    /** @return the layer that reads the sequence in the wrapped layer's direction */
    public Layer forwardLayer() {
        return forwardLayer;
    }

    /** @return the layer that reads the sequence in the other direction */
    public Layer backwardLayer() {
        return backwardLayer;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public @Nullable INDArray computeMask(INDArray input, @Nullable INDArray mask) {
        return layer.returnSequences() ? mask : null;
    }

    @Override
    public boolean isStateful() {
        return layer.isStateful();
    }

    /**
     * Sets the states of both directions to zeros ({@code reset_states()}).
     *
     * @throws IllegalStateException if the wrapped layer is not stateful
     */
    @Override
    public void resetStates() {
        forwardLayer.resetStates();
        backwardLayer.resetStates();
    }

    /**
     * Restarts the dropout generators of both directions (each from its own seed derived from
     * {@code seed}), so the next training calls draw the same masks again.
     *
     * @param seed the seed
     */
    @Override
    public void reseed(long seed) {
        forwardLayer.reseed(seed);
        backwardLayer.reseed(~seed);
    }

    /** @return the forward layer's random state followed by the backward layer's */
    @Override
    public long[] randomState() {
        long[] forward = forwardLayer.randomState();
        long[] backward = backwardLayer.randomState();
        long[] both = Arrays.copyOf(forward, forward.length + backward.length);
        System.arraycopy(backward, 0, both, forward.length, backward.length);
        return both;
    }

    /** @param state the forward layer's random state followed by the backward layer's */
    @Override
    public void restoreRandomState(long[] state) {
        int half = forwardLayer.randomState().length;
        if (state.length != 2 * half) {
            throw new IllegalArgumentException("The random state of layer " + name() + " must hold " + 2 * half
                    + " numbers (both directions). Received " + state.length + ".");
        }
        forwardLayer.restoreRandomState(Arrays.copyOfRange(state, 0, half));
        backwardLayer.restoreRandomState(Arrays.copyOfRange(state, half, state.length));
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = forwardLayer.computeOutputShape(inputShape);
        if (mergeMode.equals("concat")) {
            out[out.length - 1] *= 2;
        }
        return out;
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        if (isStateful() && declaredInputShape() != null && declaredBatchSize().isEmpty()) {
            throw new IllegalArgumentException(Recurrent.statefulWithoutBatchSizeMessage());
        }
        forwardLayer.build(inputShape, context);
        backwardLayer.build(inputShape, context);
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        INDArray y = forwardLayer.run(input, inputMask(), training);
        INDArray yRev = backwardLayer.run(input, inputMask(), training);
        if (layer.returnSequences()) {
            yRev = Recurrent.reverseTime(yRev);
        }
        lastForward = y;
        lastBackward = yRev;
        return switch (mergeMode) {
            case "concat" -> Nd4j.concat(y.rank() - 1, y, yRev);
            case "sum" -> y.add(yRev);
            case "ave" -> y.add(yRev).muli(0.5);
            default -> y.mul(yRev);
        };
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray gy;
        INDArray gyRev;
        switch (mergeMode) {
            case "concat" -> {
                long half = gradOutput.size(gradOutput.rank() - 1) / 2;
                gy = lastAxis(gradOutput, 0, half);
                gyRev = lastAxis(gradOutput, half, 2 * half);
            }
            case "sum" -> {
                gy = gradOutput;
                gyRev = gradOutput;
            }
            case "ave" -> {
                gy = gradOutput.mul(0.5);
                gyRev = gy;
            }
            default -> {
                gy = gradOutput.mul(lastBackward);
                gyRev = gradOutput.mul(lastForward);
            }
        }
        if (layer.returnSequences()) {
            gyRev = Recurrent.reverseTime(gyRev);
        }
        INDArray dx = forwardLayer.runBackward(gy, needInputGradient);
        INDArray dxRev = backwardLayer.runBackward(gyRev, needInputGradient);
        return dx == null ? null : dx.addi(dxRev);
    }

    private static INDArray lastAxis(INDArray a, long from, long to) {
        return a.rank() == 2
                ? a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup('c')
                : a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup('c');
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("layer", Configs.object(layer.className(), layer.getConfig()));
        c.put("merge_mode", mergeMode);
        return c;
    }

    /** Builder for Bidirectional's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private final Recurrent layer;
        private String mergeMode = "concat";
        private @Nullable Long batchSize;

        private Builder(Layer layer) {
            Objects.requireNonNull(layer, "layer");
            if (!(layer instanceof Recurrent r)) {
                throw new IllegalArgumentException("Bidirectional wraps a recurrent layer (SimpleRNN, LSTM or GRU). "
                        + "Received: layer=" + layer.className());
            }
            this.layer = r;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets how the two directions' outputs are combined.
         *
         * @param value "concat" (default), "sum", "mul" or "ave"
         * @return this builder
         * @throws IllegalArgumentException for null (two outputs, which a Sequential model cannot
         *     use) or any other value
         */
        public Builder mergeMode(@Nullable String value) {
            if (value == null) {
                throw new IllegalArgumentException("merge_mode=None returns the two directions as separate outputs, "
                        + "which a Sequential model cannot use: choose \"concat\", \"sum\", \"mul\" or \"ave\". "
                        + "Received: merge_mode=None");
            }
            if (!MERGE_MODES.contains(value)) {
                throw new IllegalArgumentException("Invalid merge mode. Merge mode should be one of "
                        + "{\"sum\", \"mul\", \"ave\", \"concat\", None}. Received: merge_mode=" + value);
            }
            this.mergeMode = value;
            return this;
        }

        /** @param value the fixed batch size of a first layer (needed when stateful) @return this builder */
        public Builder batchSize(long value) {
            this.batchSize = value;
            return this;
        }

        /** @return the layer */
        public Bidirectional build() {
            return new Bidirectional(this);
        }
    }
}
