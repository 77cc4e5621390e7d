package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SparseCategoricalCrossentropyTest {
    private static final double EPS = 1e-7;
    private static final SparseCategoricalCrossentropy LOSS = new SparseCategoricalCrossentropy();
    private static final double[][] LABELS = {{1}, {0}, {2}};
    private static final double[][] P = {{0.2, 0.5, 0.6}, {0.9, 0.05, 0.05}, {0.1, 0.3, 0.35}};
    private static final double[][] LOGITS = {{0.2, -1.5, 0.6}, {2.9, 0.05, -0.5}, {0.1, 0.3, 1.35}};
    private static final double[][][] LABELS3 = {{{1}, {2}}, {{0}, {1}}};
    private static final double[][][] P3 = {{{0.2, 0.5, 0.3}, {0.1, 0.3, 0.7}}, {{0.6, 0.3, 0.2}, {0.25, 0.25, 0.5}}};

    /** Keras' TF backend: c = clip(p, ε, 1 − ε), then −log(c[label] / Σc). */
    private static final LossTesting.Reference PROBABILITIES = (label, p) -> {
        double sum = 0;
        for (double v : p) {
            sum += Math.min(Math.max(v, EPS), 1 - EPS);
        }
        return -Math.log(Math.min(Math.max(p[(int) label[0]], EPS), 1 - EPS) / sum);
    };

    private static final LossTesting.Reference LOGIT_REFERENCE = (label, z) -> {
        double sumExp = 0;
        for (double v : z) {
            sumExp += Math.exp(v);
        }
        return Math.log(sumExp) - z[(int) label[0]];
    };

    private static LossFunction probabilityLoss(Reduction r) {
        return SparseCategoricalCrossentropy.builder().reduction(r).build();
    }

    private static LossFunction logitLoss(Reduction r) {
        return SparseCategoricalCrossentropy.builder().fromLogits(true).reduction(r).build();
    }

    @Test
    void valuesAreCrossentropyOfClippedRenormalisedProbabilities() {
        LossTesting.checkValues(SparseCategoricalCrossentropyTest::probabilityLoss, LABELS, P, PROBABILITIES);
    }

    @Test
    void valuesFromLogitsUseLogSoftmax() {
        LossTesting.checkValues(SparseCategoricalCrossentropyTest::logitLoss, LABELS, LOGITS, LOGIT_REFERENCE);
    }

    @Test
    void labelsMayBeFlatOrColumnAndAnyNumericType() {
        INDArray flat = Nd4j.create(new double[] {1, 0, 2});
        double expected = new SparseCategoricalCrossentropy().compute(arr(LABELS), arr(P), null);
        assertClose(new SparseCategoricalCrossentropy().compute(flat, arr(P), null), expected);
        assertClose(new SparseCategoricalCrossentropy().compute(flat.castTo(DataType.INT64), arr(P), null), expected);
    }

    @Test
    void equalsCategoricalCrossentropyOnOneHotTargetsWhenNothingIsClipped() {
        INDArray oneHot = arr(new double[] {0, 1, 0}, new double[] {1, 0, 0}, new double[] {0, 0, 1});
        INDArray normalised =
                arr(new double[] {0.2, 0.5, 0.3}, new double[] {0.6, 0.3, 0.1}, new double[] {0.25, 0.25, 0.5});
        INDArray w = Nd4j.create(LossTesting.sampleWeights(3));
        assertClose(new SparseCategoricalCrossentropy().compute(arr(LABELS), normalised, w),
                new CategoricalCrossentropy().compute(oneHot, normalised, w));
    }

    @Test
    void temporalLabelsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new SparseCategoricalCrossentropy(), LABELS3, P3, PROBABILITIES);
        INDArray withoutUnitAxis = arr(new double[] {1, 2}, new double[] {0, 1});
        assertClose(new SparseCategoricalCrossentropy().call(withoutUnitAxis, arr(P3)).reshape(4).toDoubleVector(),
                new SparseCategoricalCrossentropy().call(arr(LABELS3), arr(P3)).reshape(4).toDoubleVector());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(SparseCategoricalCrossentropyTest::probabilityLoss, LABELS, P, LABELS3, P3);
        LossTesting.checkGradients(SparseCategoricalCrossentropyTest::logitLoss, LABELS, LOGITS, LABELS3, P3);
        INDArray flat = Nd4j.create(new double[] {1, 0, 2});
        LossTesting.checkGradient("sparse (n,) labels", new SparseCategoricalCrossentropy(), flat, arr(P),
                Nd4j.create(LossTesting.sampleWeights(3)));
        LossTesting.checkGradient("sparse (n,) labels, logits", logitLoss(Reduction.SUM_OVER_BATCH_SIZE), flat,
                arr(LOGITS), null);
        LossTesting.checkGradient("sparse (n, T) labels", new SparseCategoricalCrossentropy(),
                arr(new double[] {1, 2}, new double[] {0, 1}), arr(P3), null);
    }

    @Test
    void clippedProbabilitiesHaveZeroGradient() {
        // 2.0 and -1 are clipped to 1 − ε and ε; only the unclipped 0.5 moves the loss
        double[] g = new SparseCategoricalCrossentropy().gradient(Nd4j.create(new double[] {1}),
                arr(new double[] {2.0, 0.5, -1}), null).toDoubleVector();
        assertThat(g[0]).isZero();
        assertThat(g[2]).isZero();
        // d/dc of log Σc − log c[1] at c = [1 − ε, 0.5, ε]
        assertClose(g[1], 1 / (1 - EPS + 0.5 + EPS) - 1 / 0.5);
    }

    @Test
    void rejectsLabelsOutOfRange() {
        assertThatThrownBy(() -> LOSS.compute(Nd4j.create(new double[] {1, 3, 0}), arr(P), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3").hasMessageContaining("3 classes");
        assertThatThrownBy(() -> LOSS.gradient(Nd4j.create(new double[] {-1, 0, 0}), arr(P), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label -1").hasMessageContaining("3 classes");
    }

    @Test
    void rejectsFractionalLabels() {
        assertThatThrownBy(() -> LOSS.compute(Nd4j.create(new double[] {1, 0.5, 0}), arr(P), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 0.5");
    }

    @Test
    void rejectsLabelsOfTheWrongShape() {
        assertThatThrownBy(() -> LOSS.compute(Nd4j.create(new double[] {1, 0}), arr(P), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3,) or (3, 1)").hasMessageContaining("Received: y_true with shape (2,)");
    }

    @Test
    void builderKeepsArguments() {
        SparseCategoricalCrossentropy loss =
                SparseCategoricalCrossentropy.builder().fromLogits(true).name("scce").build();
        assertThat(loss.fromLogits()).isTrue();
        assertThat(loss.name()).isEqualTo("scce");
        assertThat(new SparseCategoricalCrossentropy().name()).isEqualTo("sparse_categorical_crossentropy");
    }
}
