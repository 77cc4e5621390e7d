package io.kerflux.core.layers;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Enlarges each image by integer factors along its rows and columns.
 *
 * <p>Keras equivalent: {@code keras.layers.UpSampling2D(size=(2, 2), data_format=None,
 * interpolation='nearest')}. With "nearest" every pixel is repeated {@code size} times along each
 * axis. With "bilinear" the output follows Keras 2.3.1's TensorFlow {@code resize_bilinear}
 * without aligned corners or half-pixel centres: output row {@code i} reads input row {@code i /
 * sizeRows}, interpolating linearly between its floor and the next row, clamped at the last one
 * (and likewise for columns). [tf.keras] 2.x and [Keras 3] use half-pixel centres, which give other
 * values for "bilinear"; "nearest" is the same everywhere.
 */
public final class UpSampling2D extends Layer {
    private final int[] size;
    private final boolean channelsFirst;
    private final boolean bilinear;

    private @Nullable INDArray rowMap;
    private @Nullable INDArray colMap;

    /** Doubles the rows and the columns by repetition, channels last (Keras' defaults). */
    public UpSampling2D() {
        this(builder());
    }

    /**
     * Repeats rows and columns, channels last.
     *
     * @param size one factor for both axes, or (rows, cols); positive
     * @throws IllegalArgumentException for another count or a non-positive factor
     */
    public UpSampling2D(int... size) {
        this(builder().size(size));
    }

    private UpSampling2D(Builder b) {
        super("up_sampling2d");
        this.size = b.size;
        this.channelsFirst = b.channelsFirst;
        this.bilinear = b.bilinear;
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
        return "UpSampling2D";
    }

    /** @return (rows, cols) factors, a copy */
    public int[] size() {
        return size.clone();
    }

    /**
     * The enlarged shape: rows · size[0], cols · size[1], channels unchanged.
     *
     * @param inputShape {@code (rows, cols, channels)} or channels first
     * @return the output shape
     * @throws IllegalArgumentException if the input is not 3-D per sample
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        Convolutions.requireRank(this, inputShape, 3);
        long[] out = inputShape.clone();
        int rowAxis = channelsFirst ? 1 : 0;
        out[rowAxis] *= size[0];
        out[rowAxis + 1] *= size[1];
        return out;
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        if (bilinear) {
            return forwardBilinear(input);
        }
        INDArray out = Nd4j.createUninitialized(input.dataType(),
                Convolutions.withBatch(input.size(0), computeOutputShape(Convolutions.perSample(input))));
        Nd4j.exec(DynamicCustomOp.builder("upsampling2d").addInputs(input).addOutputs(out)
                .addIntegerArguments(size[0], size[1], channelsFirst ? 1 : 0).build());
        return out;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        if (bilinear) {
            return backwardBilinear(gradOutput);
        }
        // Each input pixel receives the sum of the gradients of its size[0]·size[1] copies.
        long batch = gradOutput.size(0);
        if (channelsFirst) {
            return gradOutput.reshape('c', batch, gradOutput.size(1), gradOutput.size(2) / size[0], size[0],
                    gradOutput.size(3) / size[1], size[1]).sum(3, 5);
        }
        return gradOutput.reshape('c', batch, gradOutput.size(1) / size[0], size[0], gradOutput.size(2) / size[1],
                size[1], gradOutput.size(3)).sum(2, 4);
    }

    /**
     * Bilinear resizing is linear in the input: out = R · x · Cᵀ per image and channel, with
     * interpolation matrices R (outRows, rows) and C (outCols, cols).
     */
    private INDArray forwardBilinear(INDArray input) {
        int rowAxis = channelsFirst ? 2 : 1;
        rowMap = interpolation(input.size(rowAxis), size[0], input.dataType());
        colMap = interpolation(input.size(rowAxis + 1), size[1], input.dataType());
        // tensorMmul keeps the remaining axes of its first argument, then appends the new one.
        INDArray rowsDone = Nd4j.tensorMmul(input, rowMap.transpose(), new int[][] {{rowAxis}, {0}});
        INDArray out = Nd4j.tensorMmul(rowsDone, colMap.transpose(), new int[][] {{rowAxis}, {0}});
        return channelsFirst ? out : out.permute(0, 2, 3, 1).dup('c');
    }

    private INDArray backwardBilinear(INDArray gradOutput) {
        int rowAxis = channelsFirst ? 2 : 1;
        INDArray rowsDone = Nd4j.tensorMmul(gradOutput, rowMap, new int[][] {{rowAxis}, {0}});
        INDArray gx = Nd4j.tensorMmul(rowsDone, colMap, new int[][] {{rowAxis}, {0}});
        return channelsFirst ? gx : gx.permute(0, 2, 3, 1).dup('c');
    }

    /** The (length · factor, length) matrix of TensorFlow's legacy bilinear weights along one axis. */
    private static INDArray interpolation(long length, int factor, DataType type) {
        int n = Math.toIntExact(length);
        double[][] weights = new double[n * factor][n];
        for (int i = 0; i < n * factor; i++) {
            double source = (double) i / factor;
            int lower = (int) Math.floor(source);
            int upper = Math.min(lower + 1, n - 1);
            double lerp = source - lower;
            weights[i][lower] += 1 - lerp;
            weights[i][upper] += lerp;
        }
        return Nd4j.create(weights).castTo(type);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("size", Convolutions.list(size));
        c.put("data_format", Convolutions.dataFormatName(channelsFirst));
        c.put("interpolation", bilinear ? "bilinear" : "nearest");
        return c;
    }

    /** Builder for UpSampling2D's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private int[] size = {2, 2};
        private boolean channelsFirst;
        private boolean bilinear;

        private Builder() { }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the up-sampling factors.
         *
         * @param values one factor for both axes, or (rows, cols); positive (default (2, 2))
         * @return this builder
         * @throws IllegalArgumentException for another count or a non-positive factor
         */
        public Builder size(int... values) {
            this.size = Convolutions.tuple("size", values, 2, false);
            return this;
        }

        /**
         * Sets the data format.
         *
         * @param value "channels_last" (default; also for null) or "channels_first"
         * @return this builder
         */
        public Builder dataFormat(@Nullable String value) {
            this.channelsFirst = Convolutions.channelsFirst(value);
            return this;
        }

        /**
         * Sets the interpolation.
         *
         * @param value "nearest" (default) or "bilinear", exactly as Keras spells them
         * @return this builder
         * @throws IllegalArgumentException for any other value
         */
        public Builder interpolation(String value) {
            if (!"nearest".equals(value) && !"bilinear".equals(value)) {
                throw new IllegalArgumentException("interpolation should be one of \"nearest\" or \"bilinear\". "
                        + "Received: interpolation=" + value);
            }
            this.bilinear = value.equals("bilinear");
            return this;
        }

        /** @return the layer */
        public UpSampling2D build() {
            return new UpSampling2D(this);
        }
    }
}
