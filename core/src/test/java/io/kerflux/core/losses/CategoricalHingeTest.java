package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class CategoricalHingeTest {
    // the second sample is beyond the margin (loss 0), the others are inside it
    private static final double[][] T = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}};
    private static final double[][] P = {{0.3, 0.8, 0.5}, {2.4, -0.2, 0.1}, {0.7, 0.2, 0.4}};
    private static final double[][][] T3 = {{{1, 0}, {0, 1}}, {{0, 1}, {1, 0}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {-2.4, 1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};

    private static final LossTesting.Reference CATEGORICAL_HINGE = (t, p) -> {
        double pos = 0;
        double neg = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < t.length; c++) {
            pos += t[c] * p[c];
            neg = Math.max(neg, (1 - t[c]) * p[c]);
        }
        return Math.max(0, neg - pos + 1);
    };

    private static LossFunction withReduction(Reduction r) {
        return CategoricalHinge.builder().reduction(r).build();
    }

    @Test
    void valuesAreCategoricalHingeWithEveryReduction() {
        LossTesting.checkValues(CategoricalHingeTest::withReduction, T, P, CATEGORICAL_HINGE);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new CategoricalHinge(), T3, P3, CATEGORICAL_HINGE);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(CategoricalHingeTest::withReduction, T, P, T3, P3);
    }

    @Test
    void tiedNegativesShareTheGradient() {
        // classes 0 and 2 tie for max((1 − t)·p) = 0.5: each gets half of its gradient, as the
        // central difference (the mean of both one-sided slopes) also says
        INDArray t = arr(new double[] {0, 1, 0});
        INDArray p = arr(new double[] {0.5, 0.2, 0.5});
        double[] g = new CategoricalHinge().gradient(t, p, null).toDoubleVector();
        assertThat(g).containsExactly(0.5, -1, 0.5);
        LossTesting.checkGradient("categorical_hinge tie", new CategoricalHinge(), t, p, null);
    }

    @Test
    void defaultsToKerasName() {
        assertThat(new CategoricalHinge().name()).isEqualTo("categorical_hinge");
    }
}
