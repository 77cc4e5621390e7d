package io.kerflux.core.initializers;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Creates the initial value of a weight.
 *
 * <p>Keras equivalent: {@code keras.initializers.Initializer}. Fans follow Keras: for a 2-D shape
 * {@code (in, out)} fan_in = in and fan_out = out; for a convolution kernel {@code (k1, …, in,
 * out)} both are multiplied by the receptive field size {@code k1·…}.
 */
public interface Initializer {

    /**
     * The Keras class name, as {@code get_config} writes it ("GlorotUniform", "Zeros", …).
     *
     * @return the class name
     */
    String className();

    /**
     * The Keras config of this initializer (for example {@code {"seed": null}}).
     *
     * @return the config, snake_case keys
     */
    Map<String, Object> getConfig();

    /**
     * Draws a new weight value.
     *
     * @param shape the weight shape in Keras order (a Dense kernel is {@code (inputDim, units)})
     * @param dtype the data type of the result
     * @param rng the model's random generator, used when the initializer has no seed of its own
     * @return a new array of that shape and type
     */
    INDArray generate(long[] shape, DataType dtype, RandomGenerator rng);
}
