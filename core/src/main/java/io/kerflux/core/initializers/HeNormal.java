package io.kerflux.core.initializers;

import org.jspecify.annotations.Nullable;

/**
 * He normal: truncated normal with standard deviation {@code √(2 / fan_in)} after truncation.
 *
 * <p>Keras equivalent: {@code keras.initializers.he_normal(seed=None)} ("he_normal", "HeNormal"),
 * which is {@code VarianceScaling(scale=2.0, mode='fan_in', distribution='normal')}.
 */
public final class HeNormal extends VarianceScalingPreset {

    /** Creates the initializer without a seed: it draws from the model's generator. */
    public HeNormal() {
        this(null);
    }

    /**
     * Creates the initializer.
     *
     * @param seed the seed of its own generator, or null to draw from the model's
     */
    public HeNormal(@Nullable Long seed) {
        super(2.0, "fan_in", "normal", seed);
    }

    @Override
    public String className() {
        return "HeNormal";
    }
}
