package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CosineSimilarityTest {
    private static final double[][] T = {{0, 1, 2}, {1, -1, 0.5}};
    private static final double[][] P = {{0.3, 0.8, 2.5}, {-0.4, -0.2, 0.1}};
    private static final double[][][] T3 = {{{0, 1}, {2, -1}}, {{1, 1}, {-2, 0}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {2.4, -1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};

    /** −Σ t·p / (‖t‖·‖p‖), each norm floored at √1e-12. */
    private static final LossTesting.Reference COSINE = (t, p) -> {
        double tt = 0;
        double pp = 0;
        double tp = 0;
        for (int c = 0; c < t.length; c++) {
            tt += t[c] * t[c];
            pp += p[c] * p[c];
            tp += t[c] * p[c];
        }
        return -tp / (Math.sqrt(Math.max(tt, 1e-12)) * Math.sqrt(Math.max(pp, 1e-12)));
    };

    private static LossFunction withReduction(Reduction r) {
        return CosineSimilarity.builder().reduction(r).build();
    }

    @Test
    void valuesAreNegatedCosineSimilarityWithEveryReduction() {
        LossTesting.checkValues(CosineSimilarityTest::withReduction, T, P, COSINE);
    }

    @Test
    void parallelVectorsGiveMinusOneAndZeroVectorsZero() {
        double[] v = new CosineSimilarity().call(arr(new double[] {1, 2}, new double[] {0, 0}),
                arr(new double[] {2, 4}, new double[] {1, 3})).toDoubleVector();
        assertClose(v[0], -1);
        assertClose(v[1], 0);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new CosineSimilarity(), T3, P3, COSINE);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(CosineSimilarityTest::withReduction, T, P, T3, P3);
    }

    @Test
    void defaultsToTfKerasName() {
        assertThat(new CosineSimilarity().name()).isEqualTo("cosine_similarity");
    }
}
