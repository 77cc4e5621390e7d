package io.kerflux.core.layers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flattens each sample to one axis; the batch axis is kept.
 *
 * <p>Keras equivalent: {@code keras.layers.Flatten(data_format=None)}. As in Keras 2.3.1 the input
 * needs at least 3 axes with the batch axis (a per-sample shape of rank 2 or more). With {@code
 * "channels_first"} the channel axis (the first per-sample axis) is moved last before flattening,
 * so a channels-first model flattens in the same order as its channels-last twin.
 */
public final class Flatten extends Layer {
    private final boolean channelsFirst;

    private long @Nullable [] lastInputShape;

    /** A Flatten layer with Keras' default data format, {@code "channels_last"}. */
    public Flatten() {
        this(null);
    }

    /**
     * A Flatten layer with a data format.
     *
     * @param dataFormat {@code "channels_last"} or {@code "channels_first"} (any case, as Keras
     *     normalizes it); null means {@code "channels_last"}, Keras' default image data format
     * @throws IllegalArgumentException for any other value
     */
    public Flatten(@Nullable String dataFormat) {
        super("flatten");
        String format = dataFormat == null ? "channels_last" : dataFormat.toLowerCase(Locale.ROOT);
        if (!format.equals("channels_last") && !format.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of \"channels_first\", "
                    + "\"channels_last\". Received: data_format=" + dataFormat);
        }
        this.channelsFirst = format.equals("channels_first");
    }

    @Override
    public String className() {
        return "Flatten";
    }

    /** @return {@code "channels_last"} or {@code "channels_first"} */
    public String dataFormat() {
        return channelsFirst ? "channels_first" : "channels_last";
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length < 2) {
            throw new IllegalArgumentException("Input 0 is incompatible with layer " + name()
                    + ": expected min_ndim=3, found ndim=" + (inputShape.length + 1)
                    + ". Received input shape " + shapeString(inputShape));
        }
        return new long[] {Arrays.stream(inputShape).reduce(1, Math::multiplyExact)};
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        lastInputShape = input.shape();
        INDArray x = channelsFirst ? input.permute(channelsLastOrder(input.rank())) : input;
        return x.reshape('c', input.size(0), Arrays.stream(lastInputShape).skip(1).reduce(1, Math::multiplyExact));
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        if (!channelsFirst) {
            return gradOutput.reshape('c', lastInputShape);
        }
        int rank = lastInputShape.length;
        int[] toChannelsLast = channelsLastOrder(rank);
        long[] permutedShape = new long[rank];
        int[] back = new int[rank];
        for (int i = 0; i < rank; i++) {
            permutedShape[i] = lastInputShape[toChannelsLast[i]];
            back[toChannelsLast[i]] = i;
        }
        return gradOutput.reshape('c', permutedShape).permute(back).dup('c');
    }

    /** The permutation (0, 2, …, rank-1, 1) that moves the channel axis last. */
    private static int[] channelsLastOrder(int rank) {
        int[] p = new int[rank];
        for (int i = 1; i < rank - 1; i++) {
            p[i] = i + 1;
        }
        p[rank - 1] = 1;
        return p;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat());
        return c;
    }
}
