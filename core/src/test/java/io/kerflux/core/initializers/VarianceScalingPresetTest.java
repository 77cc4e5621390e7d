package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The six Glorot/He/LeCun presets, against the formulas of their Keras docstrings. */
class VarianceScalingPresetTest {
    /** Conv2D kernel (3, 3, 64, 128): fan_in = 9·64 = 576, fan_out = 9·128 = 1152; 73,728 draws. */
    private static final long[] KERNEL = {3, 3, 64, 128};
    private static final double FAN_IN = 576;
    private static final double FAN_OUT = 1152;

    static Stream<Arguments> presets() {
        return Stream.of(
                // name, factory, uniform?, limit (uniform) or std after truncation (normal)
                preset("GlorotUniform", GlorotUniform::new, true, Math.sqrt(6 / (FAN_IN + FAN_OUT))),
                preset("GlorotNormal", GlorotNormal::new, false, Math.sqrt(2 / (FAN_IN + FAN_OUT))),
                preset("HeUniform", HeUniform::new, true, Math.sqrt(6 / FAN_IN)),
                preset("HeNormal", HeNormal::new, false, Math.sqrt(2 / FAN_IN)),
                preset("LecunUniform", LecunUniform::new, true, Math.sqrt(3 / FAN_IN)),
                preset("LecunNormal", LecunNormal::new, false, Math.sqrt(1 / FAN_IN)));
    }

    private static Arguments preset(String name, Function<@Nullable Long, Initializer> factory, boolean uniform,
            double spread) {
        return Arguments.of(name, factory, uniform, spread);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void drawsFollowTheKerasFormula(String name, Function<@Nullable Long, Initializer> factory, boolean uniform,
            double spread) {
        double[] v = Samples.values(factory.apply(null).generate(KERNEL, DataType.DOUBLE, Samples.rng(8)));
        // Standard errors are at most 0.4 % (mean) and 0.3 % (std) of the spread; the tolerances allow 5 or more.
        assertThat(Samples.mean(v)).isCloseTo(0, within(0.02 * spread));
        if (uniform) {
            assertThat(Samples.maxAbs(v)).isLessThanOrEqualTo(spread).isGreaterThan(0.995 * spread);
            assertThat(Samples.std(v)).isCloseTo(spread / Math.sqrt(3), within(0.01 * spread));
        } else {
            assertThat(Samples.std(v)).isCloseTo(spread, within(0.02 * spread));
            assertThat(Samples.maxAbs(v)).isLessThanOrEqualTo(2 * spread / 0.87962566103423978);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void configIsTheClassNameAndSeed(String name, Function<@Nullable Long, Initializer> factory) {
        Initializer init = factory.apply(5L);
        assertThat(init.className()).isEqualTo(name);
        assertThat(init.getConfig()).containsExactly(entry("seed", 5L));
        assertThat(factory.apply(null).getConfig()).containsExactly(entry("seed", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void seedMakesItReproducible(String name, Function<@Nullable Long, Initializer> factory) {
        Samples.assertSeedMakesItReproducible(factory, 4, 6);
        Samples.assertUnseededFollowsTheModelGenerator(factory, 4, 6);
    }
}
