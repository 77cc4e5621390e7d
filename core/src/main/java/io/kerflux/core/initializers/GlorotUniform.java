package io.kerflux.core.initializers;

import org.jspecify.annotations.Nullable;

/**
 * Glorot (Xavier) uniform: uniform in {@code [-limit, limit)} with {@code limit = √(6 / (fan_in +
 * fan_out))}.
 *
 * <p>Keras equivalent: {@code keras.initializers.glorot_uniform(seed=None)} ("glorot_uniform",
 * "GlorotUniform"), which is {@code VarianceScaling(scale=1.0, mode='fan_avg',
 * distribution='uniform')}.
 */
public final class GlorotUniform extends VarianceScalingPreset {

    /** Creates the initializer without a seed: it draws from the model's generator. */
    public GlorotUniform() {
        this(null);
    }

    /**
     * Creates the initializer.
     *
     * @param seed the seed of its own generator, or null to draw from the model's
     */
    public GlorotUniform(@Nullable Long seed) {
        super(1.0, "fan_avg", "uniform", seed);
    }

    @Override
    public String className() {
        return "GlorotUniform";
    }
}
