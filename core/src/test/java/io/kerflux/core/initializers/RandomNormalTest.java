package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class RandomNormalTest {

    @Test
    void sampleMeanAndStdMatchTheArguments() {
        INDArray w = RandomNormal.builder().mean(0.3).stddev(0.1).build()
                .generate(new long[] {200, 500}, DataType.DOUBLE, Samples.rng(5));
        double[] v = Samples.values(w);
        // 100,000 draws: standard errors 0.1/√1e5 ≈ 3e-4 (mean) and 0.1/√2e5 ≈ 2e-4 (std); allow ~5 of them.
        assertThat(Samples.mean(v)).isCloseTo(0.3, within(1.5e-3));
        assertThat(Samples.std(v)).isCloseTo(0.1, within(1e-3));
    }

    @Test
    void defaultsAreKeras() {
        RandomNormal init = new RandomNormal();
        assertThat(init.className()).isEqualTo("RandomNormal");
        assertThat(init.getConfig()).containsExactly(entry("mean", 0.0), entry("stddev", 0.05), entry("seed", null));
        double[] v = Samples.values(init.generate(new long[] {100, 1000}, DataType.DOUBLE, Samples.rng(2)));
        assertThat(Samples.std(v)).isCloseTo(0.05, within(5e-4));
    }

    @Test
    void configHoldsTheArguments() {
        assertThat(RandomNormal.builder().mean(1).stddev(2).seed(7L).build().getConfig())
                .containsExactly(entry("mean", 1.0), entry("stddev", 2.0), entry("seed", 7L));
    }

    @Test
    void seedMakesItReproducible() {
        Samples.assertSeedMakesItReproducible(s -> RandomNormal.builder().seed(s).build(), 4, 3);
        Samples.assertUnseededFollowsTheModelGenerator(s -> RandomNormal.builder().seed(s).build(), 4, 3);
    }

    @Test
    void castsToTheRequestedType() {
        INDArray w = new RandomNormal().generate(new long[] {2, 2}, DataType.FLOAT, Samples.rng(1));
        assertThat(w.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void rejectsNonFiniteArguments() {
        assertThatThrownBy(() -> RandomNormal.builder().stddev(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stddev=NaN");
    }
}
