package io.kerflux.core.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fills the weight with 1.
 *
 * <p>Keras equivalent: {@code keras.initializers.Ones()} ("ones", "one").
 */
public final class Ones implements Initializer {

    /** Creates the initializer. */
    public Ones() { }

    @Override
    public String className() {
        return "Ones";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }

    @Override
    public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
        Draws.size(shape);
        return Nd4j.ones(dtype, shape.clone());
    }
}
