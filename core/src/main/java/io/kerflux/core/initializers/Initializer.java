package io.kerflux.core.initializers;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Creates the initial value of a weight.
 *
 * <p>Keras equivalent: {@code keras.initializers.Initializer}. The fans that the variance-scaling
 * initializers use follow Keras 2.3 ({@link Fans#of}): for a 2-D shape {@code (in, out)} fan_in =
 * in and fan_out = out; for a convolution kernel {@code (k1, …, in, out)} of rank 3 to 5 both are
 * multiplied by the receptive field size {@code k1·…}; for any other rank both are the square root
 * of the number of elements.
 *
 * <p>Random initializers take an optional {@code seed}. With a seed they draw from their own
 * generator created from it at every call, so the same initializer gives the same values whatever
 * the model; without one they draw from the generator passed to {@link #generate}, so one model
 * seed makes the whole model reproducible.
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
     * @return a new mutable map with snake_case keys, in Keras' order
     */
    Map<String, Object> getConfig();

    /**
     * Draws a new weight value.
     *
     * @param shape the weight shape in Keras order (a Dense kernel is {@code (inputDim, units)})
     * @param dtype the data type of the result
     * @param rng the model's random generator, used when the initializer has no seed of its own
     * @return a new array of that shape and type
     * @throws IllegalArgumentException if the shape has a negative dimension, is too large, or does
     *     not suit the initializer (Identity needs 2-D, Orthogonal at least 2-D)
     */
    INDArray generate(long[] shape, DataType dtype, RandomGenerator rng);
}
