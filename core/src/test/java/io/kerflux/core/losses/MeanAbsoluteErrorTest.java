package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeanAbsoluteErrorTest {
    private static final double[][] T = {{0, 1, 2}, {1, -1, 0.5}};
    private static final double[][] P = {{0.3, 0.8, 2.5}, {0.4, -0.2, 0.1}};
    private static final double[][][] T3 = {{{0, 1}, {2, -1}}, {{1, 1}, {-2, 0}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {2.4, -1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};

    private static final LossTesting.Reference MAE = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            s += Math.abs(p[c] - t[c]);
        }
        return s / t.length;
    };

    private static LossFunction withReduction(Reduction r) {
        return MeanAbsoluteError.builder().reduction(r).build();
    }

    @Test
    void valuesAreMeanAbsoluteErrorsWithEveryReduction() {
        LossTesting.checkValues(MeanAbsoluteErrorTest::withReduction, T, P, MAE);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new MeanAbsoluteError(), T3, P3, MAE);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(MeanAbsoluteErrorTest::withReduction, T, P, T3, P3);
    }

    @Test
    void gradientIsZeroWhereThePredictionIsExact() {
        double[] g = new MeanAbsoluteError().gradient(arr(new double[] {1, 2}), arr(new double[] {1, 3}), null)
                .toDoubleVector();
        // sign(0) / (C·n) and sign(1) / (C·n) with C = 2, n = 1
        assertThat(g).containsExactly(0, 0.5);
    }

    @Test
    void defaultsToKerasNameAndReduction() {
        assertThat(new MeanAbsoluteError().name()).isEqualTo("mean_absolute_error");
        assertThat(MeanAbsoluteError.builder().name("l1").build().name()).isEqualTo("l1");
    }
}
