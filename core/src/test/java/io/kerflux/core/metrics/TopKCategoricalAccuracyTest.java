package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TopKCategoricalAccuracyTest {

    private static INDArray oneHot(int classes, int... labels) {
        INDArray t = Nd4j.zeros(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            t.putScalar(i, labels[i], 1.0);
        }
        return t;
    }

    @Test
    void defaultsToFiveAndItsKerasName() {
        TopKCategoricalAccuracy m = new TopKCategoricalAccuracy();
        assertThat(m.k()).isEqualTo(5);
        assertThat(m.name()).isEqualTo("top_k_categorical_accuracy");
        // 6 classes; class 0 has the lowest score (5 higher), class 1 the second lowest (4 higher)
        INDArray p = Nd4j.create(new double[][] {{0.0, 0.1, 0.2, 0.3, 0.4, 0.5}, {0.0, 0.1, 0.2, 0.3, 0.4, 0.5}});
        assertThat(m.call(oneHot(6, 0, 1), p).toDoubleVector()).containsExactly(0, 1);
    }

    @Test
    void countsTheTargetAmongTheKHighest() {
        INDArray p = Nd4j.create(new double[][] {{0.1, 0.5, 0.3, 0.1}, {0.1, 0.5, 0.3, 0.1}, {0.1, 0.5, 0.3, 0.1}});
        TopKCategoricalAccuracy m = new TopKCategoricalAccuracy(2);
        // ranks: class 1 first, class 2 second, class 0 below two higher scores
        assertThat(m.call(oneHot(4, 1, 2, 0), p).toDoubleVector()).containsExactly(1, 1, 0);
        m.update(oneHot(4, 1, 2, 0), p, Nd4j.create(new double[] {1, 1, 2}));
        // (1 + 1 + 0) / 4
        assertThat(m.result()).isEqualTo(0.5);
    }

    @Test
    void tiesAtTheBoundaryAllCountAsInTopK() {
        // k=2: class 0 is first; classes 1, 2, 3 tie for second. in_top_k: one strictly higher < 2
        INDArray p = Nd4j.create(new double[][] {{0.4, 0.2, 0.2, 0.2}, {0.4, 0.2, 0.2, 0.2}});
        assertThat(new TopKCategoricalAccuracy(2).call(oneHot(4, 3, 1), p).toDoubleVector()).containsExactly(1, 1);
        // k=1 with a two-way tie on top: nothing is strictly higher, so both tied classes count
        INDArray tie = Nd4j.create(new double[][] {{0.4, 0.4, 0.2}, {0.4, 0.4, 0.2}});
        assertThat(new TopKCategoricalAccuracy(1).call(oneHot(3, 1, 2), tie).toDoubleVector()).containsExactly(1, 0);
    }

    @Test
    void targetTiesTakeTheFirstIndex() {
        // target [0, 1, 1] has argmax 1; with k=1 only class 2 is on top
        INDArray t = Nd4j.create(new double[][] {{0, 1, 1}});
        INDArray p = Nd4j.create(new double[][] {{0.1, 0.2, 0.7}});
        assertThat(new TopKCategoricalAccuracy(1).call(t, p).toDoubleVector()).containsExactly(0);
    }

    @Test
    void atMostKClassesAlwaysCount() {
        INDArray p = Nd4j.create(new double[][] {{0.9, 0.05, 0.05}, {0.1, 0.2, 0.7}});
        assertThat(new TopKCategoricalAccuracy().call(oneHot(3, 2, 0), p).toDoubleVector()).containsExactly(1, 1);
        assertThat(new TopKCategoricalAccuracy(3).call(oneHot(3, 1, 0), p).toDoubleVector()).containsExactly(1, 1);
    }

    @Test
    void nonFinitePredictionsNeverCount() {
        INDArray p = Nd4j.create(new double[][] {{Double.NaN, 0.5, 0.1}, {0.2, Double.POSITIVE_INFINITY, 0.1}});
        assertThat(new TopKCategoricalAccuracy(3).call(oneHot(3, 1, 1), p).toDoubleVector()).containsExactly(0, 0);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        // (n=1, T=2, C=3), k=1: step 0 top is class 0, step 1 top is class 2
        INDArray p = Nd4j.create(new double[] {0.7, 0.2, 0.1, 0.1, 0.2, 0.7}, new long[] {1, 2, 3});
        INDArray t = Nd4j.create(new double[] {1, 0, 0, 1, 0, 0}, new long[] {1, 2, 3});
        INDArray v = new TopKCategoricalAccuracy(1).call(t, p);
        assertThat(v.shape()).containsExactly(1, 2);
        assertThat(v.toDoubleVector()).containsExactly(1, 0);
    }

    @Test
    void rejectsNonPositiveK() {
        assertThatThrownBy(() -> new TopKCategoricalAccuracy(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: k=0");
    }
}
