package io.kerflux.core.initializers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The identity matrix times a gain.
 *
 * <p>Keras equivalent: {@code keras.initializers.Identity(gain=1.)} ("identity"). Only 2-D shapes;
 * a non-square shape gets ones on the main diagonal and zeros elsewhere, as Keras 2.3 does.
 */
public final class Identity implements Initializer {
    private final double gain;

    /** Creates the initializer with Keras' default gain 1. */
    public Identity() {
        this(1.0);
    }

    /**
     * Creates the initializer.
     *
     * @param gain the value on the diagonal
     * @throws IllegalArgumentException if gain is not finite
     */
    public Identity(double gain) {
        this.gain = Draws.finite("gain", gain);
    }

    /** @return the value on the diagonal */
    public double gain() {
        return gain;
    }

    @Override
    public String className() {
        return "Identity";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("gain", gain);
        return c;
    }

    @Override
    public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
        int size = Draws.size(shape);
        if (shape.length != 2) {
            throw new IllegalArgumentException("Identity matrix initializer can only be used for 2D matrices. Received: shape="
                    + Arrays.toString(shape));
        }
        int cols = (int) shape[1];
        double[] values = new double[size];
        for (int i = 0; i < Math.min(shape[0], shape[1]); i++) {
            values[i * cols + i] = gain;
        }
        return Draws.fromDoubles(values, shape, dtype);
    }
}
