package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class TruncatedNormalTest {

    @Test
    void drawsStayWithinTwoStddevsWithTheTruncatedSpread() {
        double[] v = Samples.values(TruncatedNormal.builder().mean(-1).stddev(0.2).build()
                .generate(new long[] {200, 500}, DataType.DOUBLE, Samples.rng(3)));
        for (double x : v) {
            assertThat(Math.abs(x + 1)).isLessThanOrEqualTo(0.4);
        }
        // Std of a standard normal truncated to [-2, 2] (scipy.stats.truncnorm.std(-2, 2)).
        assertThat(Samples.std(v)).isCloseTo(0.2 * 0.87962566103423978, within(1e-3));
        assertThat(Samples.mean(v)).isCloseTo(-1, within(1.5e-3));
    }

    @Test
    void defaultsAndConfigAreKeras() {
        assertThat(new TruncatedNormal().className()).isEqualTo("TruncatedNormal");
        assertThat(new TruncatedNormal().getConfig())
                .containsExactly(entry("mean", 0.0), entry("stddev", 0.05), entry("seed", null));
    }

    @Test
    void seedMakesItReproducible() {
        Samples.assertSeedMakesItReproducible(s -> TruncatedNormal.builder().seed(s).build(), 5);
        Samples.assertUnseededFollowsTheModelGenerator(s -> TruncatedNormal.builder().seed(s).build(), 5);
    }
}
