package io.kerflux.core.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The entry point of a model: declares the per-sample input shape (and optionally a fixed batch
 * size) and passes its input through unchanged.
 *
 * <p>Keras equivalent: {@code keras.layers.InputLayer(input_shape=…, batch_size=…, name=…)}. As in
 * Keras it has no weights, is not trainable, and its config holds exactly {@code
 * batch_input_shape}, {@code dtype}, {@code sparse} and {@code name}. Set the batch size with
 * {@link #batchSize(long)} and the name with {@link #name(String)}. The forward and backward passes
 * return their argument itself, not a copy.
 */
public final class InputLayer extends Layer {

    /**
     * An input layer for samples of the given shape.
     *
     * @param inputShape the per-sample shape, batch axis excluded; positive dimensions
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public InputLayer(long... inputShape) {
        super("input");
        inputShape(inputShape);
        trainable(false);
    }

    @Override
    public String className() {
        return "InputLayer";
    }

    /**
     * Returns the declared shape, which is the only one this layer accepts.
     *
     * @param inputShape the per-sample input shape
     * @return a copy of it
     * @throws IllegalArgumentException if it differs from the declared shape
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] declared = declaredInputShape();
        if (!Arrays.equals(declared, inputShape)) {
            throw new IllegalArgumentException("Input 0 is incompatible with layer " + name() + ": expected shape="
                    + shapeString(declared) + ", found shape=" + shapeString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        return input;
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        return needInputGradient ? gradOutput : null;
    }

    /**
     * Keras' InputLayer config: {@code batch_input_shape}, {@code dtype}, {@code sparse}, {@code
     * name}, in that order. It has no {@code trainable} key, because Keras' InputLayer constructor
     * does not accept one.
     *
     * @return an ordered map with snake_case keys
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> base = super.getConfig();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("batch_input_shape", base.get("batch_input_shape"));
        c.put("dtype", base.get("dtype"));
        c.put("sparse", false);
        c.put("name", base.get("name"));
        return c;
    }
}
