package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class VarianceScalingTest {
    private static final long[] DENSE = {200, 500};

    private static double[] draw(VarianceScaling init, long... shape) {
        return Samples.values(init.generate(shape, DataType.DOUBLE, Samples.rng(9)));
    }

    @Test
    void defaultIsTruncatedNormalOverFanIn() {
        VarianceScaling init = new VarianceScaling();
        assertThat(init.getConfig()).containsExactly(
                entry("scale", 1.0), entry("mode", "fan_in"), entry("distribution", "normal"), entry("seed", null));
        double[] v = draw(init, DENSE);
        // Keras 2.3: stddev √(1/200) / 0.8796…, truncated at 2 of those stddevs; the values then have std √(1/200).
        double target = Math.sqrt(1.0 / 200);
        assertThat(Samples.std(v)).isCloseTo(target, within(0.01 * target));
        assertThat(Samples.maxAbs(v)).isLessThanOrEqualTo(2 * target / 0.87962566103423978);
        assertThat(Samples.mean(v)).isCloseTo(0, within(5e-4));
    }

    @Test
    void truncatedNormalIsTheSameAsKeras23Normal() {
        double[] normal = draw(VarianceScaling.builder().distribution("normal").seed(1L).build(), DENSE);
        double[] truncated = draw(VarianceScaling.builder().distribution("truncated_normal").seed(1L).build(), DENSE);
        assertThat(truncated).containsExactly(normal);
    }

    @Test
    void untruncatedNormalHasStdOfTheSquareRootOfScaleOverFan() {
        double[] v = draw(VarianceScaling.builder().scale(2).mode("fan_out").distribution("untruncated_normal").build(), DENSE);
        double target = Math.sqrt(2.0 / 500);
        assertThat(Samples.std(v)).isCloseTo(target, within(0.01 * target));
        assertThat(Samples.maxAbs(v)).isGreaterThan(2.5 * target);
    }

    @Test
    void uniformLimitIsSquareRootOfThreeScaleOverFan() {
        double[] v = draw(VarianceScaling.builder().scale(3).mode("fan_avg").distribution("uniform").build(), DENSE);
        double limit = Math.sqrt(3 * 3.0 / ((200 + 500) / 2.0));
        assertThat(Samples.maxAbs(v)).isLessThanOrEqualTo(limit).isGreaterThan(0.999 * limit);
        assertThat(Samples.std(v)).isCloseTo(limit / Math.sqrt(3), within(0.01 * limit));
    }

    @Test
    void convolutionKernelsUseTheReceptiveField() {
        // (3, 3, 16, 32): fan_in = 9·16 = 144, fan_out = 9·32 = 288.
        double[] in = draw(VarianceScaling.builder().mode("fan_in").distribution("uniform").build(), 3, 3, 16, 32);
        double[] out = draw(VarianceScaling.builder().mode("fan_out").distribution("uniform").build(), 3, 3, 16, 32);
        assertThat(Samples.maxAbs(in)).isLessThanOrEqualTo(Math.sqrt(3.0 / 144)).isGreaterThan(0.99 * Math.sqrt(3.0 / 144));
        assertThat(Samples.maxAbs(out)).isLessThanOrEqualTo(Math.sqrt(3.0 / 288)).isGreaterThan(0.99 * Math.sqrt(3.0 / 288));
    }

    @Test
    void modeAndDistributionAreCaseInsensitiveAndStoredInLowerCase() {
        VarianceScaling init = VarianceScaling.builder().mode("FAN_AVG").distribution("Uniform").build();
        assertThat(init.mode()).isEqualTo("fan_avg");
        assertThat(init.getConfig()).containsEntry("distribution", "uniform");
    }

    @Test
    void rejectsBadArgumentsAsKeras() {
        assertThatThrownBy(() -> VarianceScaling.builder().scale(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale=0.0");
        assertThatThrownBy(() -> VarianceScaling.builder().mode("fan_sum").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid `mode`").hasMessageContaining("fan_sum");
        assertThatThrownBy(() -> VarianceScaling.builder().distribution("cauchy").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid `distribution`")
                .hasMessageContaining("cauchy");
    }

    @Test
    void seedMakesItReproducible() {
        Samples.assertSeedMakesItReproducible(s -> VarianceScaling.builder().seed(s).build(), 3, 4);
        Samples.assertUnseededFollowsTheModelGenerator(s -> VarianceScaling.builder().seed(s).build(), 3, 4);
    }
}
