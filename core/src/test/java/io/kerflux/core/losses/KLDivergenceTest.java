package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KLDivergenceTest {
    private static final double EPS = 1e-7;
    // zero targets are clipped to ε; predictions stay inside (ε, 1)
    private static final double[][] T = {{0, 1, 0}, {0.2, 0.3, 0.5}};
    private static final double[][] P = {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
    private static final double[][][] T3 = {{{0.5, 0.5}, {1, 0}}, {{0.1, 0.9}, {0.3, 0.7}}};
    private static final double[][][] P3 = {{{0.2, 0.8}, {0.6, 0.4}}, {{0.5, 0.5}, {0.35, 0.65}}};

    private static final LossTesting.Reference KLD = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            double tc = Math.min(Math.max(t[c], EPS), 1);
            double pc = Math.min(Math.max(p[c], EPS), 1);
            s += tc * Math.log(tc / pc);
        }
        return s;
    };

    private static LossFunction withReduction(Reduction r) {
        return KLDivergence.builder().reduction(r).build();
    }

    @Test
    void valuesAreKullbackLeiblerDivergenceWithEveryReduction() {
        LossTesting.checkValues(KLDivergenceTest::withReduction, T, P, KLD);
    }

    @Test
    void predictionsOutsideZeroOneAreClipped() {
        double[] t = {0.5, 0.5};
        double[] p = {0, 1.5};
        assertClose(new KLDivergence().call(arr(t), arr(p)).getDouble(0), KLD.applyAsDouble(t, p));
        double[] g = new KLDivergence().gradient(arr(t), arr(p), null).toDoubleVector();
        assertThat(g).containsExactly(new double[] {0, 0}, within(1e-15));
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new KLDivergence(), T3, P3, KLD);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(KLDivergenceTest::withReduction, T, P, T3, P3);
    }

    @Test
    void defaultsToKerasName() {
        assertThat(new KLDivergence().name()).isEqualTo("kullback_leibler_divergence");
    }
}
