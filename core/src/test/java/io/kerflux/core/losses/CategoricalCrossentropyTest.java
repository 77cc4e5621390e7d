package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CategoricalCrossentropyTest {
    private static final double EPS = 1e-7;
    // rows do not sum to 1, so the p/Σp scaling matters; the last row has a soft target
    private static final double[][] T = {{0, 1, 0}, {1, 0, 0}, {0.2, 0.3, 0.5}};
    private static final double[][] P = {{0.2, 0.5, 0.6}, {0.9, 0.05, 0.05}, {0.1, 0.3, 0.35}};
    private static final double[][] LOGITS = {{0.2, -1.5, 0.6}, {2.9, 0.05, -0.5}, {0.1, 0.3, 1.35}};
    private static final double[][][] T3 = {{{0, 1, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 1, 0}}};
    private static final double[][][] P3 = {{{0.2, 0.5, 0.3}, {0.1, 0.3, 0.7}}, {{0.6, 0.3, 0.2}, {0.25, 0.25, 0.5}}};

    /** −Σ t·log clip(p/Σp), with targets smoothed to t·(1 − s) + s/C first. */
    private static LossTesting.Reference probabilities(double s) {
        return (t, p) -> {
            double sum = 0;
            for (double v : p) {
                sum += v;
            }
            double loss = 0;
            for (int c = 0; c < t.length; c++) {
                double q = Math.min(Math.max(p[c] / sum, EPS), 1 - EPS);
                loss -= (t[c] * (1 - s) + s / t.length) * Math.log(q);
            }
            return loss;
        };
    }

    /** −Σ t·(z − log Σ exp z), with smoothed targets. */
    private static LossTesting.Reference logits(double s) {
        return (t, z) -> {
            double sumExp = 0;
            for (double v : z) {
                sumExp += Math.exp(v);
            }
            double loss = 0;
            for (int c = 0; c < t.length; c++) {
                loss -= (t[c] * (1 - s) + s / t.length) * (z[c] - Math.log(sumExp));
            }
            return loss;
        };
    }

    private static LossFunction probabilityLoss(Reduction r) {
        return CategoricalCrossentropy.builder().reduction(r).build();
    }

    private static LossFunction logitLoss(Reduction r) {
        return CategoricalCrossentropy.builder().fromLogits(true).reduction(r).build();
    }

    private static LossFunction smoothedLoss(Reduction r) {
        return CategoricalCrossentropy.builder().labelSmoothing(0.2).reduction(r).build();
    }

    private static LossFunction smoothedLogitLoss(Reduction r) {
        return CategoricalCrossentropy.builder().fromLogits(true).labelSmoothing(0.2).reduction(r).build();
    }

    @Test
    void valuesAreCrossentropyOfNormalisedProbabilities() {
        LossTesting.checkValues(CategoricalCrossentropyTest::probabilityLoss, T, P, probabilities(0));
    }

    @Test
    void valuesFromLogitsUseLogSoftmax() {
        LossTesting.checkValues(CategoricalCrossentropyTest::logitLoss, T, LOGITS, logits(0));
    }

    @Test
    void labelSmoothingMixesTargetsWithUniform() {
        LossTesting.checkValues(CategoricalCrossentropyTest::smoothedLoss, T, P, probabilities(0.2));
        LossTesting.checkValues(CategoricalCrossentropyTest::smoothedLogitLoss, T, LOGITS, logits(0.2));
    }

    @Test
    void fromLogitsEqualsProbabilitiesOfSoftmax() {
        INDArray z = arr(LOGITS);
        INDArray softmax = Nd4j.create(new double[LOGITS.length][3]);
        for (int i = 0; i < LOGITS.length; i++) {
            double sum = 0;
            for (double v : LOGITS[i]) {
                sum += Math.exp(v);
            }
            for (int c = 0; c < 3; c++) {
                softmax.putScalar(i, c, Math.exp(LOGITS[i][c]) / sum);
            }
        }
        INDArray w = Nd4j.create(LossTesting.sampleWeights(3));
        assertClose(logitLoss(Reduction.SUM_OVER_BATCH_SIZE).compute(arr(T), z, w),
                probabilityLoss(Reduction.SUM_OVER_BATCH_SIZE).compute(arr(T), softmax, w));
        assertClose(smoothedLogitLoss(Reduction.SUM_OVER_BATCH_SIZE).compute(arr(T), z, w),
                smoothedLoss(Reduction.SUM_OVER_BATCH_SIZE).compute(arr(T), softmax, w));
    }

    @Test
    void tinyProbabilitiesAreClippedToEpsilon() {
        // q = [0.4/1.4, 1/1.4, 1e-12/1.4]: the last is clipped to 1e-7, so −log(1e-7) for t = [0, 0, 1]
        double v = new CategoricalCrossentropy().call(arr(new double[] {0, 0, 1}), arr(new double[] {0.4, 1, 1e-12}))
                .getDouble(0);
        assertClose(v, -Math.log(EPS));
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new CategoricalCrossentropy(), T3, P3, probabilities(0));
        // smoothing divides by C, the last axis, also for temporal targets
        LossTesting.checkTemporalValues(smoothedLoss(Reduction.SUM_OVER_BATCH_SIZE), T3, P3, probabilities(0.2));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(CategoricalCrossentropyTest::probabilityLoss, T, P, T3, P3);
        LossTesting.checkGradients(CategoricalCrossentropyTest::logitLoss, T, LOGITS, T3, P3);
        LossTesting.checkGradients(CategoricalCrossentropyTest::smoothedLoss, T, P, T3, P3);
        LossTesting.checkGradients(CategoricalCrossentropyTest::smoothedLogitLoss, T, LOGITS, T3, P3);
    }

    @Test
    void clippedProbabilitiesPassGradientOnlyThroughTheSum() {
        // the third class is clipped (q ≈ 7e-10) and its target is 0, so the loss only sees it
        // through Σp, which stays smooth under the finite-difference steps
        LossTesting.checkGradient("categorical_crossentropy clipped", new CategoricalCrossentropy(),
                arr(new double[] {0, 1, 0}), arr(new double[] {0.4, 1, 1e-9}), null);
    }

    @Test
    void rejectsLabelSmoothingOutsideZeroOne() {
        assertThatThrownBy(() -> CategoricalCrossentropy.builder().labelSmoothing(1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label_smoothing=1.5");
    }

    @Test
    void rejectsTargetsOfAnotherShape() {
        assertThatThrownBy(() -> new CategoricalCrossentropy().compute(arr(new double[] {0, 1}), arr(P), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 3)").hasMessageContaining("(1, 2)");
    }

    @Test
    void builderKeepsArguments() {
        CategoricalCrossentropy loss = CategoricalCrossentropy.builder().fromLogits(true).labelSmoothing(0.1)
                .reduction("none").name("cce").build();
        assertThat(loss.fromLogits()).isTrue();
        assertThat(loss.labelSmoothing()).isEqualTo(0.1);
        assertThat(loss.reduction()).isEqualTo(Reduction.NONE);
        assertThat(loss.name()).isEqualTo("cce");
        assertThat(new CategoricalCrossentropy().name()).isEqualTo("categorical_crossentropy");
        assertThat(new CategoricalCrossentropy().fromLogits()).isFalse();
    }

    /** P and T repeated to more elements than the losses compute in Java, so the array formulas run. */
    private static double[][] tiled(double[][] rows, int times) {
        double[][] out = new double[rows.length * times][];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[i % rows.length];
        }
        return out;
    }

    @Test
    void largeBatchesFollowTheSameFormula() {
        double[][] t = tiled(T, 1900);
        double[][] p = tiled(P, 1900);
        LossTesting.checkValues(r -> CategoricalCrossentropy.builder().reduction(r).build(), t, p, probabilities(0));
        // With S = Σp and q = p/S: a_k = −t_k/q_k (0 where q_k is clipped), dL/dp_k = (a_k − Σ a·q)/S, over n rows
        int n = t.length;
        INDArray g = new CategoricalCrossentropy().gradient(arr(t), arr(p), null);
        for (int i = 0; i < n; i += 997) {
            double s = 0;
            for (double v : p[i]) {
                s += v;
            }
            double[] a = new double[p[i].length];
            double aDotQ = 0;
            for (int k = 0; k < a.length; k++) {
                double q = p[i][k] / s;
                a[k] = q >= EPS && q <= 1 - EPS ? -t[i][k] / q : 0;
                aDotQ += a[k] * q;
            }
            for (int k = 0; k < a.length; k++) {
                assertClose(g.getDouble(i, k), (a[k] - aDotQ) / s / n);
            }
        }
    }
}
