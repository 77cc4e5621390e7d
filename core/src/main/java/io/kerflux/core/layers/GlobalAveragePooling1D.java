package io.kerflux.core.layers;

import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Averages each feature over all steps, or over the unmasked steps when the input carries a mask.
 *
 * <p>Keras equivalent: {@code keras.layers.GlobalAveragePooling1D(data_format='channels_last')}.
 * Input {@code (batch, steps, features)} ({@code (batch, features, steps)} with {@code
 * "channels_first"}), output {@code (batch, features)}. With a mask {@code (batch, steps)} the
 * output is {@code sum(x · mask) / sum(mask)} over the steps (Keras 2.3 and tf.keras); a sample
 * whose steps are all masked gives NaN, as in Keras. Keras 2.3 broadcasts the mask wrongly with
 * {@code "channels_first"}; here the mask applies to the steps axis in both formats.
 */
public final class GlobalAveragePooling1D extends GlobalPooling {

    /** A GlobalAveragePooling1D layer with Keras' default data format, {@code "channels_last"}. */
    public GlobalAveragePooling1D() {
        this(null);
    }

    /**
     * A GlobalAveragePooling1D layer with a data format.
     *
     * @param dataFormat {@code "channels_last"} or {@code "channels_first"} (any case, as Keras
     *     normalizes it); null means {@code "channels_last"}
     * @throws IllegalArgumentException for any other value
     */
    public GlobalAveragePooling1D(@Nullable String dataFormat) {
        super("global_average_pooling1d", false, 1, dataFormat);
    }

    @Override
    public String className() {
        return "GlobalAveragePooling1D";
    }

    /**
     * Accepts the mask of its input, as in Keras 2.3: masked steps are left out of the average.
     *
     * @return true
     */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /**
     * Consumes the mask: the output has no steps left to mask.
     *
     * @param input the input of the call
     * @param mask the input mask, or null
     * @return null
     */
    @Override
    public @Nullable INDArray computeMask(INDArray input, @Nullable INDArray mask) {
        return null;
    }
}
