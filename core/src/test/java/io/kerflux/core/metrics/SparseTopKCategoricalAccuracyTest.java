package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SparseTopKCategoricalAccuracyTest {

    private static final INDArray P = Nd4j.create(new double[][] {
        {0.1, 0.5, 0.3, 0.1}, {0.1, 0.5, 0.3, 0.1}, {0.1, 0.5, 0.3, 0.1}});

    @Test
    void defaultsToFiveAndItsKerasName() {
        SparseTopKCategoricalAccuracy m = new SparseTopKCategoricalAccuracy();
        assertThat(m.k()).isEqualTo(5);
        assertThat(m.name()).isEqualTo("sparse_top_k_categorical_accuracy");
        // 4 classes <= k: always in the top 5
        assertThat(m.call(Nd4j.create(new double[] {0, 3, 2}), P).toDoubleVector()).containsExactly(1, 1, 1);
    }

    @Test
    void flatAndColumnLabelsAgree() {
        SparseTopKCategoricalAccuracy m = new SparseTopKCategoricalAccuracy(2);
        // class 1 is first, class 2 second, class 0 has two higher scores
        assertThat(m.call(Nd4j.create(new double[] {1, 2, 0}), P).toDoubleVector()).containsExactly(1, 1, 0);
        assertThat(m.call(Nd4j.create(new double[][] {{1}, {2}, {0}}), P).toDoubleVector()).containsExactly(1, 1, 0);
        m.update(Nd4j.create(new double[][] {{1}, {2}, {0}}), P, Nd4j.create(new double[] {1, 0, 1}));
        // (1 + 0) / 2
        assertThat(m.result()).isEqualTo(0.5);
    }

    @Test
    void tiesAtTheBoundaryAllCountAsInTopK() {
        // class 0 ties with class 3 for third place: with k=3 both count (two strictly higher < 3)
        assertThat(new SparseTopKCategoricalAccuracy(3).call(Nd4j.create(new double[] {0, 3, 3}), P).toDoubleVector())
                .containsExactly(1, 1, 1);
    }

    @Test
    void labelsAreTruncatedToIntAndOutOfRangeLabelsNeverCount() {
        // 1.7 -> class 1 (top); 4 and -1 are not classes of a 4-class output
        INDArray labels = Nd4j.create(new double[] {1.7, 4, -1});
        assertThat(new SparseTopKCategoricalAccuracy(4).call(labels, P).toDoubleVector()).containsExactly(1, 0, 0);
    }

    @Test
    void temporalLabelsGiveOneValuePerTimestep() {
        // (n=1, T=2, C=3), k=1
        INDArray p = Nd4j.create(new double[] {0.7, 0.2, 0.1, 0.1, 0.2, 0.7}, new long[] {1, 2, 3});
        INDArray v = new SparseTopKCategoricalAccuracy(1).call(Nd4j.create(new double[][] {{0, 0}}), p);
        assertThat(v.shape()).containsExactly(1, 2);
        assertThat(v.toDoubleVector()).containsExactly(1, 0);
    }

    @Test
    void rejectsNonPositiveKAndBadLabelShapes() {
        assertThatThrownBy(() -> new SparseTopKCategoricalAccuracy(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: k=-1");
        assertThatThrownBy(() -> new SparseTopKCategoricalAccuracy().call(Nd4j.zeros(3, 4), P))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: y_true shape (3, 4)");
    }
}
