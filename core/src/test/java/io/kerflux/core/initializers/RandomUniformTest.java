package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class RandomUniformTest {

    @Test
    void drawsFillTheHalfOpenInterval() {
        double[] v = Samples.values(RandomUniform.builder().minval(-0.2).maxval(0.5).build()
                .generate(new long[] {200, 500}, DataType.DOUBLE, Samples.rng(4)));
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertThat(min).isGreaterThanOrEqualTo(-0.2).isLessThan(-0.199);
        assertThat(max).isLessThan(0.5).isGreaterThan(0.499);
        // uniform(a, b): mean (a+b)/2, std (b−a)/√12
        assertThat(Samples.mean(v)).isCloseTo(0.15, within(3e-3));
        assertThat(Samples.std(v)).isCloseTo(0.7 / Math.sqrt(12), within(2e-3));
    }

    @Test
    void defaultsAndConfigAreKeras() {
        RandomUniform init = new RandomUniform();
        assertThat(init.className()).isEqualTo("RandomUniform");
        assertThat(init.getConfig()).containsExactly(entry("minval", -0.05), entry("maxval", 0.05), entry("seed", null));
        assertThat(Samples.maxAbs(Samples.values(init.generate(new long[] {1000}, DataType.DOUBLE, Samples.rng(1)))))
                .isLessThanOrEqualTo(0.05);
    }

    @Test
    void seedMakesItReproducible() {
        Samples.assertSeedMakesItReproducible(s -> RandomUniform.builder().seed(s).build(), 2, 2, 2);
        Samples.assertUnseededFollowsTheModelGenerator(s -> RandomUniform.builder().seed(s).build(), 2, 2, 2);
    }
}
