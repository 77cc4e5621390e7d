package io.kerflux.core.initializers;

import org.jspecify.annotations.Nullable;

/**
 * LeCun uniform: uniform in {@code [-limit, limit)} with {@code limit = √(3 / fan_in)}.
 *
 * <p>Keras equivalent: {@code keras.initializers.lecun_uniform(seed=None)} ("lecun_uniform",
 * "LecunUniform"), which is {@code VarianceScaling(scale=1.0, mode='fan_in',
 * distribution='uniform')}.
 */
public final class LecunUniform extends VarianceScalingPreset {

    /** Creates the initializer without a seed: it draws from the model's generator. */
    public LecunUniform() {
        this(null);
    }

    /**
     * Creates the initializer.
     *
     * @param seed the seed of its own generator, or null to draw from the model's
     */
    public LecunUniform(@Nullable Long seed) {
        super(1.0, "fan_in", "uniform", seed);
    }

    @Override
    public String className() {
        return "LecunUniform";
    }
}
