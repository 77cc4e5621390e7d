package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.activations.Activations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The 2-D cross-correlation behind Conv1D and Conv2D, computed as im2col plus one matrix product,
 * with TensorFlow's padding placement; plus the argument checks those layers and the padding,
 * cropping and up-sampling layers share.
 *
 * <p>The columns are laid out {@code (batch, outRow, outCol, kernelRow, kernelCol, channel)}, so a
 * Keras kernel {@code (kh, kw, in, filters)} seen as {@code (kh·kw·in, filters)} turns them into
 * the channels-last output with one gemm. For float32 channels-last inputs (Keras' default) the
 * columns are gathered and the gradient scattered back (col2im) in Java, on a copy of the image in
 * a work array: each window row is one array copy of its channels, where ND4J's strided copies
 * and libnd4j's col2im op took 2 to 5 times as long at a CNN's shapes. Other inputs are gathered
 * with one strided copy per kernel offset, which measured several times faster than libnd4j's
 * im2col op writing this layout, and than its conv2d and conv2d_bp ops; libnd4j's col2im op
 * scatters their gradient back through a permuted view. Positions that fall into the padding are
 * zero.
 *
 * <p>One instance per layer: it keeps the columns of the last forward pass for the backward pass
 * and reuses its buffers while the input shape stays the same, the input gradient included (it
 * only lives until the layer below has back-propagated it).
 */
final class Convolutions {
    private static final Activation LINEAR = Activations.get("linear");

    private final int[] kernelSize;
    private final int[] strides;
    private final int[] dilation;
    private final ConvUtils.Padding padding;
    private final boolean channelsFirst;

    private long @Nullable [] bufferShape;
    private @Nullable DataType bufferType;
    private @Nullable INDArray cols;
    private @Nullable INDArray gradCols;
    private @Nullable INDArray gradImage;
    private @Nullable INDArray ones;
    private float @Nullable [] image;
    private float @Nullable [] columnValues;

    /**
     * A convolution geometry; a Conv1D is a Conv2D with a kernel, stride and dilation of 1 on a
     * height of 1.
     *
     * @param kernelSize (kh, kw)
     * @param strides (sh, sw)
     * @param dilation (dh, dw)
     * @param padding the Keras padding mode; "causal" pads the width on the left only
     * @param channelsFirst whether inputs are (batch, channels, rows, cols)
     */
    Convolutions(int[] kernelSize, int[] strides, int[] dilation, ConvUtils.Padding padding, boolean channelsFirst) {
        this.kernelSize = kernelSize.clone();
        this.strides = strides.clone();
        this.dilation = dilation.clone();
        this.padding = padding;
        this.channelsFirst = channelsFirst;
    }

    /**
     * The output length along one spatial axis.
     *
     * @param axis 0 for rows, 1 for columns
     * @param inputLength the input length along that axis
     * @return Keras' conv_output_length
     */
    long outputLength(int axis, long inputLength) {
        return ConvUtils.outputLength(inputLength, kernelSize[axis], padding, strides[axis], dilation[axis]);
    }

    /**
     * Fails unless a batch has the rank and channel count the layer was built for, with Keras'
     * InputSpec message.
     *
     * @param layer the layer, for its name
     * @param input the batch
     * @param rank the expected rank, batch axis included
     * @param channels the expected number of channels
     * @throws IllegalArgumentException on another rank or channel count
     */
    void requireInput(Layer layer, INDArray input, int rank, long channels) {
        int channelAxis = channelsFirst ? 1 : rank - 1;
        if (input.rank() != rank || input.size(channelAxis) != channels) {
            throw new IllegalArgumentException("Input 0 is incompatible with layer " + layer.name() + ": expected ndim="
                    + rank + " and axis " + (channelsFirst ? 1 : -1) + " of input shape to have value " + channels
                    + " but got shape " + Arrays.toString(input.shape()));
        }
    }

    /**
     * The per-sample output shape of a 2-D convolution: {@code (outRows, outCols, filters)}, or
     * {@code (filters, outRows, outCols)} channels first.
     *
     * @param layer the layer, for its name
     * @param inputShape {@code (rows, cols, channels)} or channels first
     * @param filters the number of output channels
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 3-D per sample or is smaller than the
     *     dilated kernel with "valid" padding
     */
    long[] outputShape2d(Layer layer, long[] inputShape, int filters) {
        requireRank(layer, inputShape, 3);
        int rowAxis = channelsFirst ? 1 : 0;
        long rows = outputLength(0, inputShape[rowAxis]);
        long cols = outputLength(1, inputShape[rowAxis + 1]);
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("Input 0 of layer " + layer.name() + " is smaller than its dilated "
                    + "kernel: the output would have shape (" + rows + ", " + cols + "). Received input shape "
                    + Layer.shapeString(inputShape) + " with kernel_size=" + tupleString(kernelSize)
                    + ", dilation_rate=" + tupleString(dilation) + ", padding=" + padding.kerasName());
        }
        return channelsFirst ? new long[] {filters, rows, cols} : new long[] {rows, cols, filters};
    }

    /**
     * The pre-activation rows in the layer's output layout. Activations act on that layout, as in
     * Keras: softmax normalizes its last axis, which is the channel axis only channels last.
     *
     * @param z the (batch·positions, filters) pre-activation rows, in channels-last order
     * @param channelsLastShape the output shape channels last, batch axis first
     * @return the output-layout array
     */
    INDArray toOutputLayout(INDArray z, long... channelsLastShape) {
        INDArray out = z.reshape('c', channelsLastShape);
        if (!channelsFirst) {
            return out;
        }
        int rank = channelsLastShape.length;
        int[] order = new int[rank];
        order[1] = rank - 1;
        for (int axis = 2; axis < rank; axis++) {
            order[axis] = axis - 1;
        }
        return out.permute(order).dup('c');
    }

    /**
     * The inverse of {@link #toOutputLayout}: a gradient in the output layout as
     * (batch·positions, filters) rows in channels-last order.
     *
     * @param gradient the gradient, shaped like the layer's output
     * @param filters the number of output channels
     * @return the gradient rows
     */
    INDArray gradientRows(INDArray gradient, long filters) {
        INDArray g = gradient;
        if (channelsFirst) {
            int rank = g.rank();
            int[] order = new int[rank];
            for (int axis = 1; axis < rank - 1; axis++) {
                order[axis] = axis + 1;
            }
            order[rank - 1] = 1;
            g = g.permute(order).dup('c');
        }
        return g.reshape('c', -1, filters);
    }

    private long padBefore(int axis, long inputLength) {
        return switch (padding) {
            case VALID -> 0;
            case SAME -> ConvUtils.samePaddingBefore(inputLength, kernelSize[axis], strides[axis], dilation[axis]);
            case CAUSAL -> (long) dilation[axis] * (kernelSize[axis] - 1);
        };
    }

    /**
     * The pre-activation output, before any bias, written into a given array.
     *
     * @param x the input, (batch, rows, cols, channels) or channels first
     * @param kernel2d the kernel seen as (kh·kw·channels, filters)
     * @param z receives the (batch·outRows·outCols, filters) result, rows in channels-last order
     */
    void forward(INDArray x, INDArray kernel2d, INDArray z) {
        Blas.gemm(columns(x), kernel2d, z, false, false, 1.0, 0.0);
    }

    /**
     * Writes the bias gradient, the column sums of dL/d pre-activation, as one matrix product with
     * a row of ones: a sum along the rows allocated its result and took twice as long.
     *
     * @param gradZ dL/d pre-activation, (batch·outRows·outCols, filters)
     * @param biasGradient the bias's gradient buffer, (filters)
     */
    void biasGradient(INDArray gradZ, INDArray biasGradient) {
        long n = gradZ.size(0);
        if (ones == null || ones.dataType() != gradZ.dataType() || ones.size(1) != n) {
            ones = Nd4j.ones(gradZ.dataType(), 1, n);
        }
        Blas.gemm(ones, gradZ, biasGradient.reshape('c', 1, biasGradient.length()), false, false, 1.0, 0.0);
    }

    /**
     * Whether an activation is Keras' "linear", which the convolution layers skip.
     *
     * @param a the activation
     * @return true for the identity
     */
    static boolean isLinear(Activation a) {
        return a == LINEAR;
    }

    /**
     * A buffer of a shape and type: the given one if it matches, else a new one.
     *
     * @param buffer the buffer of the last call, or null
     * @param dtype the data type
     * @param shape the shape
     * @return an array of unspecified content
     */
    static INDArray reusable(@Nullable INDArray buffer, DataType dtype, long... shape) {
        if (buffer != null && buffer.dataType() == dtype && Arrays.equals(buffer.shape(), shape)) {
            return buffer;
        }
        return Nd4j.createUninitialized(dtype, shape);
    }

    /**
     * Writes the kernel gradient of the last {@link #forward}.
     *
     * @param gradZ dL/d pre-activation, (batch·outRows·outCols, filters)
     * @param kernelGradient2d the kernel's gradient buffer seen as (kh·kw·channels, filters)
     */
    void kernelGradient(INDArray gradZ, INDArray kernelGradient2d) {
        Blas.gemm(columns2d(), gradZ, kernelGradient2d, true, false, 1.0, 0.0);
    }

    /**
     * The input gradient of the last {@link #forward}.
     *
     * @param gradZ dL/d pre-activation, (batch·outRows·outCols, filters)
     * @param kernel2d the kernel seen as (kh·kw·channels, filters)
     * @return a new array shaped like the input
     */
    INDArray inputGradient(INDArray gradZ, INDArray kernel2d) {
        INDArray gradColumns = gradientColumns();
        Blas.gemm(gradZ, kernel2d, gradColumns, false, true, 1.0, 0.0);
        return columnsToImage(gradColumns);
    }

    /**
     * A buffer shaped like the last {@link #columns}, for their gradient; reused by later calls.
     *
     * @return a (batch·outRows·outCols, kh·kw·channels) array of unspecified content
     */
    INDArray gradientColumns() {
        if (gradCols == null) {
            gradCols = Nd4j.createUninitialized(cols.dataType(), cols.shape());
        }
        return gradCols.reshape('c', cols.size(0) * cols.size(1) * cols.size(2), -1);
    }

    /**
     * col2im: sums the gradient of every column entry back onto the input pixel it was read from.
     *
     * @param gradColumns the gradient of the last {@link #columns}, from {@link #gradientColumns}
     * @return a new array shaped like the last input
     */
    INDArray columnsToImage(INDArray gradColumns) {
        long[] shape = bufferShape;
        long height = shape[channelsFirst ? 2 : 1];
        long width = shape[channelsFirst ? 3 : 2];
        if (gradImage == null) {
            gradImage = Nd4j.createUninitialized(gradColumns.dataType(), shape);
        }
        INDArray gx = gradImage;
        if (inJava()) {
            float[] g = columnValues;
            gradColumns.data().asNioFloat().get((int) gradColumns.offset(), g, 0, (int) cols.length());
            float[] sums = image;
            Arrays.fill(sums, 0f);
            windows(false);
            gx.data().asNioFloat().put(0, sums, 0, sums.length);
            return gx;
        }
        // col2im reads (batch, channel, kh, kw, outRow, outCol) and writes channels first; it
        // zeroes its output and skips padded positions, so asymmetric padding needs only the
        // padding before.
        Nd4j.exec(DynamicCustomOp.builder("col2im")
                .addInputs(gradColumns.reshape('c', cols.shape()).permute(0, 5, 3, 4, 1, 2))
                .addOutputs(channelsFirst ? gx : gx.permute(0, 3, 1, 2))
                .addIntegerArguments(strides[0], strides[1], (int) padBefore(0, height), (int) padBefore(1, width),
                        (int) height, (int) width, dilation[0], dilation[1], 0)
                .build());
        return gx;
    }

    private INDArray columns2d() {
        return cols.reshape('c', cols.size(0) * cols.size(1) * cols.size(2), -1);
    }

    /**
     * The im2col matrix of an input: row (b, outRow, outCol) holds the input window of that
     * output position, column (kernelRow, kernelCol, channel) one tap, zero in the padding.
     *
     * @param x the input, (batch, rows, cols, channels) or channels first
     * @return a (batch·outRows·outCols, kh·kw·channels) view of a buffer that the next call reuses
     */
    INDArray columns(INDArray x) {
        long[] shape = x.shape();
        long height = shape[channelsFirst ? 2 : 1];
        long width = shape[channelsFirst ? 3 : 2];
        long channels = shape[channelsFirst ? 1 : 3];
        long outH = outputLength(0, height);
        long outW = outputLength(1, width);
        if (cols == null || bufferType != x.dataType() || !Arrays.equals(bufferShape, shape)) {
            cols = Nd4j.create(x.dataType(), shape[0], outH, outW, kernelSize[0], kernelSize[1], channels);
            gradCols = null;
            gradImage = null;
            bufferShape = shape;
            bufferType = x.dataType();
            boolean java = inJava();
            image = java ? new float[(int) x.length()] : null;
            columnValues = java ? new float[(int) cols.length()] : null;
        }
        if (inJava()) {
            INDArray dense = !x.isView() && Arrays.equals(x.stride(), Nd4j.getStrides(shape, 'c')) ? x : x.dup('c');
            dense.data().asNioFloat().get(0, image, 0, image.length);
            windows(true);
            cols.data().asNioFloat().put(0, columnValues, 0, columnValues.length);
            return columns2d();
        }
        long offsetRows = -padBefore(0, height);
        long offsetCols = -padBefore(1, width);
        for (int p = 0; p < kernelSize[0]; p++) {
            long rowOffset = offsetRows + (long) p * dilation[0];
            long i0 = firstInside(rowOffset, strides[0]);
            long i1 = endInside(rowOffset, strides[0], height, outH);
            for (int q = 0; q < kernelSize[1]; q++) {
                long colOffset = offsetCols + (long) q * dilation[1];
                long j0 = firstInside(colOffset, strides[1]);
                long j1 = endInside(colOffset, strides[1], width, outW);
                if (i0 >= i1 || j0 >= j1) {
                    continue;
                }
                INDArrayIndex inputRows = strided(i0 * strides[0] + rowOffset, strides[0], i1 - i0);
                INDArrayIndex inputCols = strided(j0 * strides[1] + colOffset, strides[1], j1 - j0);
                INDArray source = channelsFirst
                        ? x.get(NDArrayIndex.all(), NDArrayIndex.all(), inputRows, inputCols).permute(0, 2, 3, 1)
                        : x.get(NDArrayIndex.all(), inputRows, inputCols, NDArrayIndex.all());
                cols.get(NDArrayIndex.all(), NDArrayIndex.interval(i0, i1), NDArrayIndex.interval(j0, j1),
                        NDArrayIndex.point(p), NDArrayIndex.point(q), NDArrayIndex.all()).assign(source);
            }
        }
        return columns2d();
    }

    /**
     * Whether the current buffers are gathered and scattered in Java: float32, channels last, and
     * the columns indexable by an int.
     */
    private boolean inJava() {
        return bufferType == DataType.FLOAT && !channelsFirst && cols.length() < Integer.MAX_VALUE;
    }

    /**
     * Walks every (output position, kernel tap) pair of the current geometry, channels-last: with
     * {@code gather}, copies the tap's input channels from {@link #image} into {@link
     * #columnValues} (zeros in the padding); otherwise adds the tap's column gradient back onto
     * {@link #image}. A kernel row that lies inside the image without dilation is one contiguous
     * run of {@code kw·channels} values in both arrays.
     */
    private void windows(boolean gather) {
        float[] img = image;
        float[] col = columnValues;
        int batch = (int) bufferShape[0];
        int height = (int) bufferShape[1];
        int width = (int) bufferShape[2];
        int channels = (int) bufferShape[3];
        int outH = (int) cols.size(1);
        int outW = (int) cols.size(2);
        int top = (int) padBefore(0, height);
        int left = (int) padBefore(1, width);
        int kw = kernelSize[1];
        int run = kw * channels;
        int d = 0;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    int c0 = j * strides[1] - left;
                    boolean rowInside = dilation[1] == 1 && c0 >= 0 && c0 + kw <= width;
                    for (int p = 0; p < kernelSize[0]; p++, d += run) {
                        int r = i * strides[0] - top + p * dilation[0];
                        if (r < 0 || r >= height) {
                            if (gather) {
                                Arrays.fill(col, d, d + run, 0f);
                            }
                        } else if (rowInside) {
                            int s = ((b * height + r) * width + c0) * channels;
                            if (gather) {
                                System.arraycopy(img, s, col, d, run);
                            } else {
                                for (int e = 0; e < run; e++) {
                                    img[s + e] += col[d + e];
                                }
                            }
                        } else {
                            tapsOfRow(gather, img, col, ((b * height + r) * width) * channels, c0, width, channels, d);
                        }
                    }
                }
            }
        }
    }

    /** The taps of one kernel row that reaches into the padding or is dilated, one at a time. */
    private void tapsOfRow(boolean gather, float[] img, float[] col, int rowStart, int c0, int width, int channels,
            int d) {
        for (int q = 0; q < kernelSize[1]; q++) {
            int c = c0 + q * dilation[1];
            int to = d + q * channels;
            if (c < 0 || c >= width) {
                if (gather) {
                    Arrays.fill(col, to, to + channels, 0f);
                }
                continue;
            }
            int s = rowStart + c * channels;
            if (gather) {
                System.arraycopy(img, s, col, to, channels);
            } else {
                for (int e = 0; e < channels; e++) {
                    img[s + e] += col[to + e];
                }
            }
        }
    }

    /**
     * {@code count} indices from {@code begin}, {@code stride} apart. A single index is asked for
     * without a stride: ND4J 1.0.0-M2.1 turns {@code interval(2, 2, 3)} into 2..6.
     */
    private static INDArrayIndex strided(long begin, long stride, long count) {
        return count == 1 ? NDArrayIndex.interval(begin, begin + 1)
                : NDArrayIndex.interval(begin, stride, begin + (count - 1) * stride + 1);
    }

    /** The first output index i with i·stride + offset ≥ 0. */
    private static long firstInside(long offset, long stride) {
        return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    }

    /** One past the last output index i (below outLength) with i·stride + offset < length. */
    private static long endInside(long offset, long stride, long length, long outLength) {
        long last = length - 1 - offset;
        return last < 0 ? 0 : Math.min(outLength, last / stride + 1);
    }

    /**
     * Keras' {@code normalize_data_format}: case-insensitive, null meaning "channels_last".
     *
     * @param dataFormat "channels_last", "channels_first" or null
     * @return whether the format is channels first
     * @throws IllegalArgumentException for any other value
     */
    static boolean channelsFirst(@Nullable String dataFormat) {
        String format = dataFormat == null ? "channels_last" : dataFormat.toLowerCase(Locale.ROOT);
        return switch (format) {
            case "channels_last" -> false;
            case "channels_first" -> true;
            default -> throw new IllegalArgumentException("The `data_format` argument must be one of "
                    + "\"channels_first\", \"channels_last\". Received: data_format=" + dataFormat);
        };
    }

    /**
     * The Keras name of a data format.
     *
     * @param channelsFirst the format
     * @return "channels_first" or "channels_last"
     */
    static String dataFormatName(boolean channelsFirst) {
        return channelsFirst ? "channels_first" : "channels_last";
    }

    /**
     * Keras' {@code normalize_tuple}, with the values' sign checked as well: one value is repeated
     * {@code n} times, {@code n} values are taken as they are.
     *
     * @param name the Keras argument name, for messages
     * @param values one value or {@code n} values
     * @param n the tuple length
     * @param allowZero whether 0 is valid (paddings and croppings) or values must be positive
     * @return a new array of {@code n} values
     * @throws IllegalArgumentException for another count or an out-of-range value
     */
    static int[] tuple(String name, int[] values, int n, boolean allowZero) {
        if (values.length != 1 && values.length != n) {
            throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + n
                    + " integers. Received: " + name + "=" + tupleString(values));
        }
        int[] out = values.length == n ? values.clone() : filled(n, values[0]);
        for (int v : out) {
            if (v < 0 || (v == 0 && !allowZero)) {
                throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + n + " "
                        + (allowZero ? "non-negative" : "positive") + " integers. Received: " + name + "="
                        + tupleString(values));
            }
        }
        return out;
    }

    /**
     * Normalizes a symmetric 2-D padding or cropping: one value for every side, or one per axis.
     *
     * @param name "padding" or "cropping"
     * @param side how Keras' message names one side's amount: "pad" or "crop"
     * @param values one or two non-negative values
     * @return {@code {{top, bottom}, {left, right}}}, new arrays
     * @throws IllegalArgumentException for another count or a negative value
     */
    static int[][] symmetricPairs(String name, String side, int[] values) {
        if (values.length != 1 && values.length != 2) {
            throw new IllegalArgumentException("`" + name + "` should be either an int, a tuple of 2 ints "
                    + "(symmetric_height_" + side + ", symmetric_width_" + side + "), or a tuple of 2 tuples of 2 "
                    + "ints ((top_" + side + ", bottom_" + side + "), (left_" + side + ", right_" + side + ")). "
                    + "Received: " + name + "=" + tupleString(values));
        }
        int[] sym = tuple(name, values, 2, true);
        return new int[][] {{sym[0], sym[0]}, {sym[1], sym[1]}};
    }

    /**
     * Normalizes a 2-D padding or cropping given as {@code ((before, after), (before, after))},
     * Keras' form; an entry of one value is symmetric.
     *
     * @param name "padding" or "cropping"
     * @param values two entries of one or two non-negative values
     * @return {@code {{top, bottom}, {left, right}}}, new arrays
     * @throws IllegalArgumentException for another shape or a negative value
     */
    static int[][] pairs(String name, int[][] values) {
        if (values.length != 2) {
            throw new IllegalArgumentException("`" + name + "` should have two elements. Received: " + name + "="
                    + nestedString(values));
        }
        int[][] out = new int[2][];
        for (int i = 0; i < 2; i++) {
            int[] v = values[i];
            if (v.length != 1 && v.length != 2) {
                throw new IllegalArgumentException("The `" + (i == 0 ? "1st" : "2nd") + " entry of " + name
                        + "` argument must be a tuple of 2 integers. Received: " + name + "=" + nestedString(values));
            }
            out[i] = v.length == 2 ? v.clone() : new int[] {v[0], v[0]};
            if (out[i][0] < 0 || out[i][1] < 0) {
                throw new IllegalArgumentException("`" + name + "` values must be non-negative integers. Received: "
                        + name + "=" + nestedString(values));
            }
        }
        return out;
    }

    /**
     * Keras rejects a stride above 1 together with a dilation rate above 1 (TensorFlow cannot
     * compute it).
     *
     * @param strides the strides
     * @param dilationRate the dilation rates
     * @throws IllegalArgumentException if both have a value above 1
     */
    static void checkStridesWithDilation(int[] strides, int[] dilationRate) {
        boolean strided = Arrays.stream(strides).anyMatch(s -> s != 1);
        boolean dilated = Arrays.stream(dilationRate).anyMatch(d -> d != 1);
        if (strided && dilated) {
            throw new IllegalArgumentException("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                    + "Received: strides=" + tupleString(strides) + " and dilation_rate=" + tupleString(dilationRate));
        }
    }

    /**
     * A tuple as Python prints it: {@code (3, 3)}, {@code (3,)}.
     *
     * @param values the values
     * @return the text
     */
    static String tupleString(int[] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return sb.append(values.length == 1 ? ",)" : ")").toString();
    }

    /**
     * Nested tuples as Python prints them: {@code ((1, 1), (2, 2))}.
     *
     * @param values the entries
     * @return the text
     */
    static String nestedString(int[][] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(tupleString(values[i]));
        }
        return sb.append(values.length == 1 ? ",)" : ")").toString();
    }

    /**
     * A tuple as a config value: a JSON list.
     *
     * @param values the values
     * @return a new list
     */
    static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /**
     * Nested tuples as a config value: a list of lists.
     *
     * @param values the entries
     * @return a new list
     */
    static List<List<Integer>> list(int[][] values) {
        List<List<Integer>> out = new ArrayList<>();
        for (int[] v : values) {
            out.add(list(v));
        }
        return out;
    }

    /**
     * Fails unless an input has the rank a layer expects, with Keras' InputSpec message.
     *
     * @param layer the layer, for its name
     * @param inputShape the per-sample input shape
     * @param rank the expected per-sample rank
     * @throws IllegalArgumentException on another rank
     */
    static void requireRank(Layer layer, long[] inputShape, int rank) {
        if (inputShape.length != rank) {
            throw new IllegalArgumentException("Input 0 is incompatible with layer " + layer.name() + ": expected ndim="
                    + (rank + 1) + ", found ndim=" + (inputShape.length + 1) + ". Received input shape "
                    + Layer.shapeString(inputShape));
        }
    }

    /**
     * A per-sample shape with the batch dimension in front.
     *
     * @param batch the batch size
     * @param perSample the per-sample shape
     * @return a new shape
     */
    static long[] withBatch(long batch, long[] perSample) {
        long[] shape = new long[perSample.length + 1];
        shape[0] = batch;
        System.arraycopy(perSample, 0, shape, 1, perSample.length);
        return shape;
    }

    /**
     * The per-sample shape of a batch.
     *
     * @param batch any array with a batch axis first
     * @return its shape without the batch dimension
     */
    static long[] perSample(INDArray batch) {
        return Arrays.copyOfRange(batch.shape(), 1, batch.rank());
    }

    private static int[] filled(int n, int value) {
        int[] out = new int[n];
        Arrays.fill(out, value);
        return out;
    }
}
