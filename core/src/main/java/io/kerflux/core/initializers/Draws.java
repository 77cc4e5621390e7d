package io.kerflux.core.initializers;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared plumbing of the initializers: shape checks, the seeded generator and filling arrays. */
final class Draws {
    /**
     * A truncated standard normal (cut at ±2) has this standard deviation; dividing by it makes the
     * truncated draw have the intended one. Same constant as Keras 2.3.
     */
    static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private Draws() { }

    /**
     * The generator to draw from: a fresh one from the seed, else the model's.
     *
     * <p>{@link Random} is used for seeded draws because its {@code nextDouble} and {@code
     * nextGaussian} are specified exactly, so a seed gives the same weights on every JVM.
     */
    static RandomGenerator source(@Nullable Long seed, RandomGenerator rng) {
        return seed != null ? new Random(seed) : Objects.requireNonNull(rng, "rng");
    }

    /**
     * The number of elements of a shape.
     *
     * @throws IllegalArgumentException for a negative dimension or more than an int's worth of elements
     */
    static int size(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "shape dimensions must be non-negative. Received: shape=" + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "shape is too large for one array. Received: shape=" + Arrays.toString(shape));
            }
        }
        return (int) n;
    }

    /** A new array of {@code shape}, filled in row-major order from {@code next} in double precision. */
    static INDArray fill(long[] shape, DataType dtype, DoubleSupplier next) {
        double[] values = new double[size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = next.getAsDouble();
        }
        return fromDoubles(values, shape, dtype);
    }

    /** Wraps row-major doubles as an array of {@code shape}, cast to {@code dtype}. */
    static INDArray fromDoubles(double[] values, long[] shape, DataType dtype) {
        return Nd4j.create(values, shape.clone(), DataType.DOUBLE).castTo(dtype);
    }

    /**
     * Fails unless an argument is a finite number.
     *
     * @throws IllegalArgumentException naming the argument and the value received
     */
    static double finite(String argument, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(argument + " must be a finite number. Received: " + argument + "=" + value);
        }
        return value;
    }

    /** A standard normal draw, re-drawn while it lies more than 2 standard deviations out, as TensorFlow does. */
    static double truncatedGaussian(RandomGenerator g) {
        double z;
        do {
            z = g.nextGaussian();
        } while (Math.abs(z) > 2.0);
        return z;
    }
}
