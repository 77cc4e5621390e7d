package io.kerflux.core.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fills the weight with one value.
 *
 * <p>Keras equivalent: {@code keras.initializers.Constant(value=0)} ("constant").
 */
public final class Constant implements Initializer {
    private final double value;

    /** Creates the initializer with Keras' default value 0. */
    public Constant() {
        this(0.0);
    }

    /**
     * Creates the initializer.
     *
     * @param value the value of every element
     */
    public Constant(double value) {
        this.value = value;
    }

    /** @return the value of every element */
    public double value() {
        return value;
    }

    @Override
    public String className() {
        return "Constant";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("value", value);
        return c;
    }

    @Override
    public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
        Draws.size(shape);
        return Nd4j.valueArrayOf(shape.clone(), value, dtype);
    }
}
