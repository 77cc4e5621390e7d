package io.kerflux.core.initializers;

import org.jspecify.annotations.Nullable;

/**
 * LeCun normal: truncated normal with standard deviation {@code √(1 / fan_in)} after truncation.
 *
 * <p>Keras equivalent: {@code keras.initializers.lecun_normal(seed=None)} ("lecun_normal",
 * "LecunNormal"), which is {@code VarianceScaling(scale=1.0, mode='fan_in',
 * distribution='normal')}.
 */
public final class LecunNormal extends VarianceScalingPreset {

    /** Creates the initializer without a seed: it draws from the model's generator. */
    public LecunNormal() {
        this(null);
    }

    /**
     * Creates the initializer.
     *
     * @param seed the seed of its own generator, or null to draw from the model's
     */
    public LecunNormal(@Nullable Long seed) {
        super(1.0, "fan_in", "normal", seed);
    }

    @Override
    public String className() {
        return "LecunNormal";
    }
}
