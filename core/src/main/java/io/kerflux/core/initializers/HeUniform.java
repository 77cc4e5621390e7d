package io.kerflux.core.initializers;

import org.jspecify.annotations.Nullable;

/**
 * He uniform: uniform in {@code [-limit, limit)} with {@code limit = √(6 / fan_in)}.
 *
 * <p>Keras equivalent: {@code keras.initializers.he_uniform(seed=None)} ("he_uniform",
 * "HeUniform"), which is {@code VarianceScaling(scale=2.0, mode='fan_in',
 * distribution='uniform')}.
 */
public final class HeUniform extends VarianceScalingPreset {

    /** Creates the initializer without a seed: it draws from the model's generator. */
    public HeUniform() {
        this(null);
    }

    /**
     * Creates the initializer.
     *
     * @param seed the seed of its own generator, or null to draw from the model's
     */
    public HeUniform(@Nullable Long seed) {
        super(2.0, "fan_in", "uniform", seed);
    }

    @Override
    public String className() {
        return "HeUniform";
    }
}
