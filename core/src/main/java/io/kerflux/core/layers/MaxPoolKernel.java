package io.kerflux.core.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D max pooling in Java, with TensorFlow's semantics: "same" pads {@code floor(total / 2)}
 * cells before, padded cells never win, and the gradient of each window goes to its first maximum
 * in row-major order.
 *
 * <p>libnd4j's {@code maxpool2d_bp} recomputes every window's maximum and took ten times as long
 * as its forward pass at a CNN's shapes (35 ms for 64 × 26 × 26 × 32 floats on one thread; this
 * backward pass takes under 2 ms). Here the forward pass records the input position of each
 * output's maximum, so the backward pass is a scatter into a zeroed array. The arrays are copied
 * in bulk into work arrays that the kernel keeps, so the loops run on plain Java arrays.
 *
 * <p>One instance per layer; it keeps the positions of the last forward pass.
 */
final class MaxPoolKernel {
    private final int[] pool;
    private final int[] strides;
    private final boolean same;
    private final boolean channelsFirst;

    private int @Nullable [] winners;
    private long @Nullable [] inputShape;
    private @Nullable INDArray gradInput;
    private float @Nullable [] floats;
    private double @Nullable [] doubles;
    private float @Nullable [] floatOut;
    private double @Nullable [] doubleOut;

    /**
     * A pooling geometry.
     *
     * @param pool the window (rows, cols)
     * @param strides the step (rows, cols)
     * @param same true for "same" padding, false for "valid"
     * @param channelsFirst whether arrays are (batch, channels, rows, cols)
     */
    MaxPoolKernel(int[] pool, int[] strides, boolean same, boolean channelsFirst) {
        this.pool = pool.clone();
        this.strides = strides.clone();
        this.same = same;
        this.channelsFirst = channelsFirst;
    }

    /**
     * Whether this kernel handles an array: float32 or float64, with fewer than 2<sup>31</sup>
     * elements.
     *
     * @param x the input
     * @return true if {@link #forward} accepts it
     */
    static boolean supports(INDArray x) {
        return (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE) && x.length() < Integer.MAX_VALUE;
    }

    /**
     * Pools a 4-D array and remembers where each maximum came from.
     *
     * @param x the input, (batch, rows, cols, channels) or channels first
     * @param outShape the output's 4-D shape
     * @return a new array of {@code outShape}
     */
    INDArray forward(INDArray x, long[] outShape) {
        INDArray in = dense(x);
        int n = (int) in.length();
        int outLength = Math.toIntExact(Arrays.stream(outShape).reduce(1, Math::multiplyExact));
        inputShape = in.shape();
        if (winners == null || winners.length != outLength) {
            winners = new int[outLength];
        }
        INDArray out = Nd4j.createUninitialized(in.dataType(), outShape);
        if (in.dataType() == DataType.FLOAT) {
            float[] values = floats = reuse(floats, n);
            float[] result = floatOut = reuse(floatOut, outLength);
            in.data().asNioFloat().get(0, values, 0, n);
            findWinners(in.shape(), outShape, values, null);
            for (int i = 0; i < outLength; i++) {
                result[i] = values[winners[i]];
            }
            out.data().asNioFloat().put(0, result, 0, outLength);
        } else {
            double[] values = doubles = reuse(doubles, n);
            double[] result = doubleOut = reuse(doubleOut, outLength);
            in.data().asNioDouble().get(0, values, 0, n);
            findWinners(in.shape(), outShape, null, values);
            for (int i = 0; i < outLength; i++) {
                result[i] = values[winners[i]];
            }
            out.data().asNioDouble().put(0, result, 0, outLength);
        }
        return out;
    }

    /**
     * The input gradient of the last {@link #forward}: each output's gradient added at the
     * position of its maximum, zero elsewhere.
     *
     * @param gradOutput dL/d output, 4-D, shaped like the last output
     * @return an array shaped like the last input, reused by the next call
     */
    INDArray backward(INDArray gradOutput) {
        INDArray g = dense(gradOutput);
        int outLength = winners.length;
        // the input gradient only lives until the layer below has back-propagated it
        if (gradInput == null || gradInput.dataType() != g.dataType()
                || !Arrays.equals(gradInput.shape(), inputShape)) {
            gradInput = Nd4j.createUninitialized(g.dataType(), inputShape);
        }
        int n = (int) gradInput.length();
        int[] at = winners;
        if (g.dataType() == DataType.FLOAT) {
            float[] result = floats = reuse(floats, n);
            float[] gradients = floatOut = reuse(floatOut, outLength);
            g.data().asNioFloat().get(0, gradients, 0, outLength);
            Arrays.fill(result, 0f);
            for (int i = 0; i < outLength; i++) {
                result[at[i]] += gradients[i];
            }
            gradInput.data().asNioFloat().put(0, result, 0, n);
        } else {
            double[] result = doubles = reuse(doubles, n);
            double[] gradients = doubleOut = reuse(doubleOut, outLength);
            g.data().asNioDouble().get(0, gradients, 0, outLength);
            Arrays.fill(result, 0.0);
            for (int i = 0; i < outLength; i++) {
                result[at[i]] += gradients[i];
            }
            gradInput.data().asNioDouble().put(0, result, 0, n);
        }
        return gradInput;
    }

    /**
     * Fills {@link #winners}: for each output element, in the output's memory order, the flat
     * input index of its window's first maximum. Exactly one of the two arrays is given.
     *
     * <p>The taps of a window are the outer loop and the channels the inner one, which runs over
     * contiguous memory channels last; the running winner is updated with a select rather than a
     * branch, since which tap wins is data (a branch on it mispredicted half the time).
     */
    private void findWinners(long[] in, long[] out, float @Nullable [] f, double @Nullable [] d) {
        int rowAxis = channelsFirst ? 2 : 1;
        int channelAxis = channelsFirst ? 1 : 3;
        int rows = (int) in[rowAxis];
        int cols = (int) in[rowAxis + 1];
        int channels = (int) in[channelAxis];
        int outRows = (int) out[rowAxis];
        int outCols = (int) out[rowAxis + 1];
        // element strides of (row, col, channel) in the input and the output
        int inRow = channelsFirst ? cols : cols * channels;
        int inCol = channelsFirst ? 1 : channels;
        int inChannel = channelsFirst ? rows * cols : 1;
        int outRow = channelsFirst ? outCols : outCols * channels;
        int outCol = channelsFirst ? 1 : channels;
        int outChannel = channelsFirst ? outRows * outCols : 1;
        int padTop = same ? (int) ConvUtils.samePaddingBefore(rows, pool[0], strides[0], 1) : 0;
        int padLeft = same ? (int) ConvUtils.samePaddingBefore(cols, pool[1], strides[1], 1) : 0;
        int[] at = winners;
        for (int b = 0; b < in[0]; b++) {
            int inBase = b * rows * cols * channels;
            int outBase = b * outRows * outCols * channels;
            for (int i = 0; i < outRows; i++) {
                int r0 = Math.max(0, i * strides[0] - padTop);
                int r1 = Math.min(rows, i * strides[0] - padTop + pool[0]);
                for (int j = 0; j < outCols; j++) {
                    int q0 = Math.max(0, j * strides[1] - padLeft);
                    int q1 = Math.min(cols, j * strides[1] - padLeft + pool[1]);
                    int o = outBase + i * outRow + j * outCol;
                    int first = inBase + r0 * inRow + q0 * inCol;
                    for (int c = 0; c < channels; c++) {
                        at[o + c * outChannel] = first + c * inChannel;
                    }
                    for (int r = r0; r < r1; r++) {
                        for (int q = r == r0 ? q0 + 1 : q0; q < q1; q++) {
                            int tap = inBase + r * inRow + q * inCol;
                            if (f != null) {
                                for (int c = 0; c < channels; c++) {
                                    int k = tap + c * inChannel;
                                    int best = at[o + c * outChannel];
                                    int greater = f[k] > f[best] ? -1 : 0;
                                    at[o + c * outChannel] = (k & greater) | (best & ~greater);
                                }
                            } else {
                                for (int c = 0; c < channels; c++) {
                                    int k = tap + c * inChannel;
                                    int best = at[o + c * outChannel];
                                    int greater = d[k] > d[best] ? -1 : 0;
                                    at[o + c * outChannel] = (k & greater) | (best & ~greater);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The array itself if it owns its buffer in row-major order from element 0, else a copy that does. */
    private static INDArray dense(INDArray a) {
        boolean dense = !a.isView() && a.ordering() == 'c'
                && Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), 'c'));
        return dense ? a : a.dup('c');
    }

    private static float[] reuse(float @Nullable [] array, int length) {
        return array != null && array.length >= length ? array : new float[length];
    }

    private static double[] reuse(double @Nullable [] array, int length) {
        return array != null && array.length >= length ? array : new double[length];
    }
}
