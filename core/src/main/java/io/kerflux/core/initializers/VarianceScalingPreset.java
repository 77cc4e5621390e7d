package io.kerflux.core.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named {@link VarianceScaling} setting whose only argument is the seed (Glorot, He, LeCun).
 *
 * <p>Keras 2.3 defines these as functions that return a VarianceScaling, so its saved configs say
 * {@code "VarianceScaling"}; here they are classes named as in tf.keras and Keras 3 ({@code
 * "GlorotUniform"}, config {@code {"seed": …}}), which every Keras version loads.
 */
abstract class VarianceScalingPreset implements Initializer {
    private final @Nullable Long seed;
    private final VarianceScaling scaling;

    VarianceScalingPreset(double scale, String mode, String distribution, @Nullable Long seed) {
        this.seed = seed;
        this.scaling = VarianceScaling.builder().scale(scale).mode(mode).distribution(distribution).seed(seed).build();
    }

    /** @return the seed, or null when drawing from the model's generator */
    public final @Nullable Long seed() {
        return seed;
    }

    /** @return the equivalent VarianceScaling initializer */
    public final VarianceScaling asVarianceScaling() {
        return scaling;
    }

    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed);
        return c;
    }

    @Override
    public final INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
        return scaling.generate(shape, dtype, rng);
    }
}
