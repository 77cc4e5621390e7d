package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SquaredHingeTest {
    private static final double[][] T = {{-1, 1, 1}, {1, -1, -1}};
    private static final double[][] P = {{0.3, 0.8, 2.5}, {0.4, -0.2, 1.1}};
    private static final double[][][] T3 = {{{1, -1}, {-1, 1}}, {{1, 1}, {-1, -1}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {-2.4, 1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};

    private static final LossTesting.Reference SQUARED_HINGE = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            double h = Math.max(1 - t[c] * p[c], 0);
            s += h * h;
        }
        return s / t.length;
    };

    private static LossFunction withReduction(Reduction r) {
        return SquaredHinge.builder().reduction(r).build();
    }

    @Test
    void valuesAreMeanSquaredHingeWithEveryReduction() {
        LossTesting.checkValues(SquaredHingeTest::withReduction, T, P, SQUARED_HINGE);
    }

    @Test
    void zeroOneTargetsAreMappedToMinusOneOne() {
        double[] p = {0.3, -0.6, 0.2};
        double v = new SquaredHinge().call(arr(new double[] {1, 0, 0}), arr(p)).getDouble(0);
        assertClose(v, SQUARED_HINGE.applyAsDouble(new double[] {1, -1, -1}, p));
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new SquaredHinge(), T3, P3, SQUARED_HINGE);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(SquaredHingeTest::withReduction, T, P, T3, P3);
        LossTesting.checkGradient("squared_hinge 0/1 targets", new SquaredHinge(), arr(new double[] {1, 0, 0}),
                arr(new double[] {0.3, -0.6, 0.2}), null);
    }

    @Test
    void defaultsToKerasName() {
        assertThat(new SquaredHinge().name()).isEqualTo("squared_hinge");
    }
}
