package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BinaryCrossentropyTest {
    private static final double EPS = 1e-7;
    private static final double[][] T = {{0, 1, 1}, {1, 0, 0.3}};
    private static final double[][] P = {{0.2, 0.5, 0.9}, {0.7, 0.05, 0.4}};
    private static final double[][] LOGITS = {{-1.2, 0.5, 2.9}, {0.7, -3.05, 0.4}};
    private static final double[][][] T3 = {{{0, 1}, {1, 1}}, {{1, 0}, {0, 0}}};
    private static final double[][][] P3 = {{{0.2, 0.5}, {0.1, 0.7}}, {{0.6, 0.3}, {0.25, 0.5}}};

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** mean(−(t·log c + (1 − t)·log(1 − c))), c = clip(p, ε, 1 − ε), targets smoothed to t(1 − s) + s/2. */
    private static LossTesting.Reference probabilities(double s) {
        return (t, p) -> {
            double loss = 0;
            for (int c = 0; c < t.length; c++) {
                double ts = t[c] * (1 - s) + s / 2;
                double q = Math.min(Math.max(p[c], EPS), 1 - EPS);
                loss -= ts * Math.log(q) + (1 - ts) * Math.log(1 - q);
            }
            return loss / t.length;
        };
    }

    /** The same on sigmoid(z), unclipped. */
    private static LossTesting.Reference logits(double s) {
        return (t, z) -> {
            double loss = 0;
            for (int c = 0; c < t.length; c++) {
                double ts = t[c] * (1 - s) + s / 2;
                loss -= ts * Math.log(sigmoid(z[c])) + (1 - ts) * Math.log(1 - sigmoid(z[c]));
            }
            return loss / t.length;
        };
    }

    private static LossFunction probabilityLoss(Reduction r) {
        return BinaryCrossentropy.builder().reduction(r).build();
    }

    private static LossFunction logitLoss(Reduction r) {
        return BinaryCrossentropy.builder().fromLogits(true).reduction(r).build();
    }

    private static LossFunction smoothedLoss(Reduction r) {
        return BinaryCrossentropy.builder().labelSmoothing(0.3).reduction(r).build();
    }

    private static LossFunction smoothedLogitLoss(Reduction r) {
        return BinaryCrossentropy.builder().fromLogits(true).labelSmoothing(0.3).reduction(r).build();
    }

    @Test
    void valuesAreMeanBinaryCrossentropy() {
        LossTesting.checkValues(BinaryCrossentropyTest::probabilityLoss, T, P, probabilities(0));
    }

    @Test
    void valuesFromLogitsUseSigmoid() {
        LossTesting.checkValues(BinaryCrossentropyTest::logitLoss, T, LOGITS, logits(0));
    }

    @Test
    void labelSmoothingSqueezesTargetsTowardsOneHalf() {
        LossTesting.checkValues(BinaryCrossentropyTest::smoothedLoss, T, P, probabilities(0.3));
        LossTesting.checkValues(BinaryCrossentropyTest::smoothedLogitLoss, T, LOGITS, logits(0.3));
    }

    @Test
    void fromLogitsEqualsProbabilitiesOfSigmoid() {
        INDArray probabilities = Nd4j.create(new double[2][3]);
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                probabilities.putScalar(i, c, sigmoid(LOGITS[i][c]));
            }
        }
        INDArray w = Nd4j.create(LossTesting.sampleWeights(2));
        assertClose(logitLoss(Reduction.SUM_OVER_BATCH_SIZE).compute(arr(T), arr(LOGITS), w),
                probabilityLoss(Reduction.SUM_OVER_BATCH_SIZE).compute(arr(T), probabilities, w));
    }

    @Test
    void certainWrongPredictionsAreClippedNotInfinite() {
        // p = 0 for t = 1 and p = 1 for t = 0: each term is −log(ε)
        double v = new BinaryCrossentropy().compute(arr(new double[] {1, 0}), arr(new double[] {0, 1}), null);
        assertClose(v, -Math.log(EPS));
        double[] g = new BinaryCrossentropy().gradient(arr(new double[] {1, 0}), arr(new double[] {0, 1}), null)
                .toDoubleVector();
        assertThat(g).containsExactly(new double[] {0, 0}, within(1e-15));
    }

    @Test
    void largeLogitsStayFinite() {
        // log(1 + e^−50) ≈ 2e-22, so a confident correct logit costs ~0 and a wrong one ~50
        double v = BinaryCrossentropy.builder().fromLogits(true).build()
                .compute(arr(new double[] {1, 0}), arr(new double[] {50, 50}), null);
        assertClose(v, 50.0 / 2);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new BinaryCrossentropy(), T3, P3, probabilities(0));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(BinaryCrossentropyTest::probabilityLoss, T, P, T3, P3);
        LossTesting.checkGradients(BinaryCrossentropyTest::logitLoss, T, LOGITS, T3, P3);
        LossTesting.checkGradients(BinaryCrossentropyTest::smoothedLoss, T, P, T3, P3);
        LossTesting.checkGradients(BinaryCrossentropyTest::smoothedLogitLoss, T, LOGITS, T3, P3);
    }

    @Test
    void rejectsLabelSmoothingOutsideZeroOne() {
        assertThatThrownBy(() -> BinaryCrossentropy.builder().labelSmoothing(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label_smoothing=-0.1");
    }

    @Test
    void builderKeepsArguments() {
        BinaryCrossentropy loss = BinaryCrossentropy.builder().fromLogits(true).labelSmoothing(0.1).name("bce").build();
        assertThat(loss.fromLogits()).isTrue();
        assertThat(loss.labelSmoothing()).isEqualTo(0.1);
        assertThat(loss.name()).isEqualTo("bce");
        assertThat(new BinaryCrossentropy().name()).isEqualTo("binary_crossentropy");
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
        double[][] t = tiled(T, 2800);
        double[][] p = tiled(P, 2800);
        LossTesting.checkValues(BinaryCrossentropyTest::probabilityLoss, t, p, probabilities(0));
        // d/dp of mean over n rows and C columns: ((1 − t)/(1 − c) − t/c) / (n·C) where ε ≤ p ≤ 1 − ε
        int n = t.length;
        int cols = t[0].length;
        INDArray g = new BinaryCrossentropy().gradient(arr(t), arr(p), null);
        for (int i = 0; i < n; i += 997) {
            for (int c = 0; c < cols; c++) {
                double q = Math.min(Math.max(p[i][c], EPS), 1 - EPS);
                assertClose(g.getDouble(i, c), ((1 - t[i][c]) / (1 - q) - t[i][c] / q) / (n * cols));
            }
        }
    }
}
