package io.kerflux.core.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Resolves Keras initializer identifiers.
 *
 * <p>Keras equivalent: {@code keras.initializers.get}.
 */
public final class Initializers {
    private static final Map<String, Supplier<Initializer>> BUILT_IN = new TreeMap<>();

    static {
        BUILT_IN.put("zeros", Zeros::new);
        BUILT_IN.put("glorot_uniform", GlorotUniform::new);
    }

    private Initializers() { }

    /**
     * A new initializer for a Keras name.
     *
     * @param name a Keras identifier ("glorot_uniform", "zeros", …)
     * @return a new instance with Keras' defaults
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Initializer get(String name) {
        Supplier<Initializer> s = BUILT_IN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown initializer: " + name + ". Known initializers: " + BUILT_IN.keySet());
        }
        return s.get();
    }

    private static final class Zeros implements Initializer {
        @Override
        public String className() {
            return "Zeros";
        }

        @Override
        public Map<String, Object> getConfig() {
            return new LinkedHashMap<>();
        }

        @Override
        public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
            return Nd4j.zeros(dtype, shape);
        }
    }

    private static final class GlorotUniform implements Initializer {
        @Override
        public String className() {
            return "GlorotUniform";
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("seed", null);
            return c;
        }

        @Override
        public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
            long fanIn = shape.length == 1 ? shape[0] : shape[shape.length - 2];
            long fanOut = shape[shape.length - 1];
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (rng.nextDouble() * 2 - 1) * limit;
            }
            return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype);
        }
    }
}
