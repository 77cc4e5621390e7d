package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HingeTest {
    // margins 1 − t·p stay away from the kink at 0; some samples are inside the margin, some not
    private static final double[][] T = {{-1, 1, 1}, {1, -1, -1}};
    private static final double[][] P = {{0.3, 0.8, 2.5}, {0.4, -0.2, 1.1}};
    private static final double[][][] T3 = {{{1, -1}, {-1, 1}}, {{1, 1}, {-1, -1}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {-2.4, 1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};

    static final LossTesting.Reference HINGE = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            s += Math.max(1 - t[c] * p[c], 0);
        }
        return s / t.length;
    };

    private static LossFunction withReduction(Reduction r) {
        return Hinge.builder().reduction(r).build();
    }

    @Test
    void valuesAreMeanHingeWithEveryReduction() {
        LossTesting.checkValues(HingeTest::withReduction, T, P, HINGE);
    }

    @Test
    void zeroOneTargetsAreMappedToMinusOneOne() {
        double[] p = {0.3, -0.6, 0.2};
        double v = new Hinge().call(arr(new double[] {0, 1, 1}), arr(p)).getDouble(0);
        assertClose(v, HINGE.applyAsDouble(new double[] {-1, 1, 1}, p));
    }

    @Test
    void targetsOtherThanZeroOneAreUsedAsGiven() {
        // 0.5 is neither 0 nor 1, so the 0 stays 0 for the whole batch
        double[] t = {0, 1, 0.5};
        double[] p = {0.3, -0.6, 0.2};
        assertClose(new Hinge().call(arr(t), arr(p)).getDouble(0), HINGE.applyAsDouble(t, p));
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new Hinge(), T3, P3, HINGE);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(HingeTest::withReduction, T, P, T3, P3);
        LossTesting.checkGradient("hinge 0/1 targets", new Hinge(), arr(new double[] {0, 1, 1}),
                arr(new double[] {0.3, -0.6, 0.2}), null);
    }

    @Test
    void defaultsToKerasName() {
        assertThat(new Hinge().name()).isEqualTo("hinge");
    }
}
