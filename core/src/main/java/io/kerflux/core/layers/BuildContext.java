package io.kerflux.core.layers;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a layer needs to create its weights: the data type and the model's random generator.
 *
 * @param dtype the floating-point type of weights and activations (FLOAT like Keras' floatx, or
 *     DOUBLE for gradient checks)
 * @param rng the generator that unseeded initializers and layers draw from, so that one model seed
 *     makes the whole model reproducible
 */
public record BuildContext(DataType dtype, RandomGenerator rng) {

    /** Validates the arguments. */
    public BuildContext {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(rng, "rng");
        if (!dtype.isFPType()) {
            throw new IllegalArgumentException(
                    "dtype must be a floating-point type (FLOAT, DOUBLE, HALF), but got " + dtype);
        }
    }
}
