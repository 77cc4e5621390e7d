package io.kerflux.core.initializers;

import org.jspecify.annotations.Nullable;

/**
 * Glorot (Xavier) normal: truncated normal with standard deviation {@code √(2 / (fan_in +
 * fan_out))} after truncation.
 *
 * <p>Keras equivalent: {@code keras.initializers.glorot_normal(seed=None)} ("glorot_normal",
 * "GlorotNormal"), which is {@code VarianceScaling(scale=1.0, mode='fan_avg',
 * distribution='normal')}.
 */
public final class GlorotNormal extends VarianceScalingPreset {

    /** Creates the initializer without a seed: it draws from the model's generator. */
    public GlorotNormal() {
        this(null);
    }

    /**
     * Creates the initializer.
     *
     * @param seed the seed of its own generator, or null to draw from the model's
     */
    public GlorotNormal(@Nullable Long seed) {
        super(1.0, "fan_avg", "normal", seed);
    }

    @Override
    public String className() {
        return "GlorotNormal";
    }
}
