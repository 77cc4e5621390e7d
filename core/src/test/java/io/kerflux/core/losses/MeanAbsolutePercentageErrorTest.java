package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeanAbsolutePercentageErrorTest {
    private static final double[][] T = {{0.5, 1, 2}, {1, -1, -0.5}};
    private static final double[][] P = {{0.3, 0.8, 2.5}, {0.4, -0.2, 0.1}};
    private static final double[][][] T3 = {{{0.5, 1}, {2, -1}}, {{1, 1}, {-2, 0.25}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {2.4, -1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};

    private static final LossTesting.Reference MAPE = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            s += Math.abs(t[c] - p[c]) / Math.max(Math.abs(t[c]), 1e-7);
        }
        return 100 * s / t.length;
    };

    private static LossFunction withReduction(Reduction r) {
        return MeanAbsolutePercentageError.builder().reduction(r).build();
    }

    @Test
    void valuesArePercentagesWithEveryReduction() {
        LossTesting.checkValues(MeanAbsolutePercentageErrorTest::withReduction, T, P, MAPE);
    }

    @Test
    void zeroTargetsAreDividedByEpsilon() {
        // 100 · mean(|0 − 0.2| / 1e-7, |2 − 1| / 2) = 100 · (2e6 + 0.5) / 2
        double v = new MeanAbsolutePercentageError()
                .compute(arr(new double[] {0, 2}), arr(new double[] {0.2, 1}), null);
        assertClose(v, 100 * (0.2 / 1e-7 + 0.5) / 2);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new MeanAbsolutePercentageError(), T3, P3, MAPE);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(MeanAbsolutePercentageErrorTest::withReduction, T, P, T3, P3);
    }

    @Test
    void defaultsToKerasName() {
        assertThat(new MeanAbsolutePercentageError().name()).isEqualTo("mean_absolute_percentage_error");
    }
}
