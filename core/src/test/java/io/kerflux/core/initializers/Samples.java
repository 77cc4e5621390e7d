package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Sample statistics and seed checks shared by the initializer tests. */
final class Samples {
    private Samples() { }

    /** A model generator; deliberately not java.util.Random, to show any RandomGenerator works. */
    static RandomGenerator rng(long seed) {
        return new SplittableRandom(seed);
    }

    static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Population standard deviation. */
    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** With a seed: identical draws whatever the model generator; another seed: different draws. */
    static void assertSeedMakesItReproducible(Function<@Nullable Long, Initializer> factory, long... shape) {
        INDArray a = factory.apply(42L).generate(shape, DataType.DOUBLE, rng(1));
        INDArray b = factory.apply(42L).generate(shape, DataType.DOUBLE, rng(2));
        Initializer once = factory.apply(42L);
        INDArray c = once.generate(shape, DataType.DOUBLE, rng(3));
        INDArray d = once.generate(shape, DataType.DOUBLE, rng(3));
        INDArray other = factory.apply(43L).generate(shape, DataType.DOUBLE, rng(1));
        assertThat(b).isEqualTo(a);
        assertThat(c).isEqualTo(a);
        assertThat(d).isEqualTo(a);
        assertThat(other).isNotEqualTo(a);
    }

    /** Without a seed: the model generator decides, so equal generators give equal draws. */
    static void assertUnseededFollowsTheModelGenerator(Function<@Nullable Long, Initializer> factory, long... shape) {
        Initializer init = factory.apply(null);
        INDArray a = init.generate(shape, DataType.DOUBLE, rng(1));
        INDArray again = init.generate(shape, DataType.DOUBLE, rng(1));
        INDArray b = init.generate(shape, DataType.DOUBLE, rng(2));
        assertThat(again).isEqualTo(a);
        assertThat(b).isNotEqualTo(a);
    }
}
