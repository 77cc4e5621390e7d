package io.kerflux.core.layers;

import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared part of the global pooling layers, Keras' {@code _GlobalPooling1D} and
 * {@code _GlobalPooling2D}: a max or mean over every spatial position of each channel.
 *
 * <p>The input is viewed as {@code (batch, positions, channels)} (or {@code (batch, channels,
 * positions)} for channels_first) and reduced over the positions. The gradient of the max is
 * shared equally by all positions that reach the maximum, as TensorFlow's {@code reduce_max}
 * gradient does (a ReLU output often has many zero maxima). A mask, accepted only by
 * GlobalAveragePooling1D, restricts the mean to the unmasked steps.
 */
abstract class GlobalPooling extends Layer {
    private final boolean max;
    private final int spatialRank;
    private final boolean channelsFirst;

    private @Nullable INDArray lastInput3d;
    private @Nullable INDArray lastOutput;
    private @Nullable INDArray lastStepWeights;
    private @Nullable INDArray lastStepCounts;
    private long @Nullable [] lastInputShape;

    /**
     * Creates a global pooling layer.
     *
     * @param prefix the auto-name prefix ("global_max_pooling1d")
     * @param max true for the maximum, false for the mean
     * @param spatialRank 1 (steps) or 2 (rows, cols)
     * @param dataFormat "channels_last", "channels_first", or null for "channels_last"
     */
    GlobalPooling(String prefix, boolean max, int spatialRank, @Nullable String dataFormat) {
        super(prefix);
        this.max = max;
        this.spatialRank = spatialRank;
        this.channelsFirst = Convolutions.channelsFirst(dataFormat);
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
        return new long[] {channelsFirst ? inputShape[0] : inputShape[spatialRank]};
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        long[] shape = input.shape();
        long channels = computeOutputShape(Arrays.copyOfRange(shape, 1, shape.length))[0];
        long positions = input.length() / (shape[0] * channels);
        INDArray x3 = input.reshape('c', channelsFirst
                ? new long[] {shape[0], channels, positions}
                : new long[] {shape[0], positions, channels});
        INDArray mask = inputMask();
        lastStepWeights = null;
        lastStepCounts = null;
        INDArray out;
        if (max) {
            out = x3.max(stepsAxis());
        } else if (mask == null) {
            out = x3.mean(stepsAxis());
        } else {
            if (mask.rank() != 2 || mask.size(0) != shape[0] || mask.size(1) != positions) {
                throw new IllegalArgumentException("The mask of layer " + name() + " must have shape (batch, steps) = "
                        + Arrays.toString(new long[] {shape[0], positions}) + ", but got "
                        + Arrays.toString(mask.shape()));
            }
            // Keras 2.3: sum(x · mask) / sum(mask) over the steps; a fully masked sample gives NaN, as there
            INDArray weights = mask.castTo(input.dataType());
            INDArray counts = weights.sum(1);
            INDArray weighted = Broadcast.mul(x3, weights, x3.ulike(), maskDimensions());
            out = weighted.sum(stepsAxis()).diviColumnVector(counts);
            lastStepWeights = weights;
            lastStepCounts = counts;
        }
        lastInput3d = x3;
        lastOutput = out;
        lastInputShape = shape;
        return out;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        INDArray x3 = lastInput3d;
        INDArray gradInput;
        if (max) {
            INDArray isMax = Nd4j.createUninitialized(DataType.BOOL, x3.shape());
            Broadcast.eq(x3, lastOutput, isMax, channelDimensions());
            gradInput = isMax.castTo(x3.dataType());
            INDArray share = gradOutput.div(gradInput.sum(stepsAxis()));
            Broadcast.mul(gradInput, share, gradInput, channelDimensions());
        } else {
            INDArray perStep = lastStepCounts == null
                    ? gradOutput.div(x3.size(stepsAxis()))
                    : gradOutput.divColumnVector(lastStepCounts);
            gradInput = Nd4j.createUninitialized(x3.dataType(), x3.shape());
            Broadcast.copy(gradInput, perStep, gradInput, channelDimensions());
            if (lastStepWeights != null) {
                Broadcast.mul(gradInput, lastStepWeights, gradInput, maskDimensions());
            }
        }
        return gradInput.reshape('c', lastInputShape);
    }

    private int stepsAxis() {
        return channelsFirst ? 2 : 1;
    }

    /** The axes of the 3D view that a {@code (batch, channels)} array lines up with. */
    private int[] channelDimensions() {
        return channelsFirst ? new int[] {0, 1} : new int[] {0, 2};
    }

    /** The axes of the 3D view that a {@code (batch, steps)} mask lines up with. */
    private int[] maskDimensions() {
        return channelsFirst ? new int[] {0, 2} : new int[] {0, 1};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat());
        return c;
    }
}
