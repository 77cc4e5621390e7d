package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanSquaredLogarithmicErrorTest {
    // -0.5 in P and -1 in T are clipped to ε
    private static final double[][] T = {{0.5, 1, 2}, {1, -1, 3}};
    private static final double[][] P = {{0.3, 0.8, 2.5}, {0.4, -0.5, 0.1}};
    private static final double[][][] T3 = {{{0.5, 1}, {2, 0}}, {{1, 1}, {2, 0.25}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {2.4, 1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};

    private static final LossTesting.Reference MSLE = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            double d = Math.log(Math.max(p[c], 1e-7) + 1) - Math.log(Math.max(t[c], 1e-7) + 1);
            s += d * d;
        }
        return s / t.length;
    };

    private static LossFunction withReduction(Reduction r) {
        return MeanSquaredLogarithmicError.builder().reduction(r).build();
    }

    @Test
    void valuesAreSquaredLogErrorsWithEveryReduction() {
        LossTesting.checkValues(MeanSquaredLogarithmicErrorTest::withReduction, T, P, MSLE);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new MeanSquaredLogarithmicError(), T3, P3, MSLE);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(MeanSquaredLogarithmicErrorTest::withReduction, T, P, T3, P3);
    }

    @Test
    void clippedPredictionsHaveZeroGradient() {
        double[] g = new MeanSquaredLogarithmicError()
                .gradient(arr(new double[] {1, 1}), arr(new double[] {-2, 1}), null).toDoubleVector();
        // p = -2 is clipped; p = t gives a zero log difference
        assertThat(g).containsExactly(new double[] {0, 0}, within(1e-15));
    }

    @Test
    void defaultsToKerasName() {
        assertThat(new MeanSquaredLogarithmicError().name()).isEqualTo("mean_squared_logarithmic_error");
    }
}
