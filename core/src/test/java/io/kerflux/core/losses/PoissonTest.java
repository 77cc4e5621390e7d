package io.kerflux.core.losses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoissonTest {
    private static final double[][] T = {{0, 1, 3}, {2, 0, 1}};
    private static final double[][] P = {{0.2, 1.5, 2.3}, {1.6, 0.1, 0.3}};
    private static final double[][][] T3 = {{{1, 0}, {4, 2}}, {{0, 1}, {3, 1}}};
    private static final double[][][] P3 = {{{0.8, 0.4}, {3.6, 2.4}}, {{0.5, 1.5}, {2.35, 0.65}}};

    private static final LossTesting.Reference POISSON = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            s += p[c] - t[c] * Math.log(p[c] + 1e-7);
        }
        return s / t.length;
    };

    private static LossFunction withReduction(Reduction r) {
        return Poisson.builder().reduction(r).build();
    }

    @Test
    void valuesArePoissonDevianceWithEveryReduction() {
        LossTesting.checkValues(PoissonTest::withReduction, T, P, POISSON);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new Poisson(), T3, P3, POISSON);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(PoissonTest::withReduction, T, P, T3, P3);
    }

    @Test
    void defaultsToKerasName() {
        assertThat(new Poisson().name()).isEqualTo("poisson");
    }
}
