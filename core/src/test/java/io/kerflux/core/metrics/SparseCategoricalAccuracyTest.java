package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SparseCategoricalAccuracyTest {

    private static final INDArray P = Nd4j.create(new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}});

    @Test
    void matchesKerasDocstringExampleWithColumnLabels() {
        INDArray t = Nd4j.create(new double[][] {{2}, {1}});
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        assertThat(m.name()).isEqualTo("sparse_categorical_accuracy");
        m.update(t, P, null);
        assertThat(m.result()).isEqualTo(0.5);
        SparseCategoricalAccuracy weighted = new SparseCategoricalAccuracy();
        weighted.update(t, P, Nd4j.create(new double[] {0.7, 0.3}));
        assertThat(weighted.result()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void flatAndColumnLabelsAgree() {
        INDArray flat = Nd4j.create(new double[] {2, 1});
        INDArray column = Nd4j.create(new double[][] {{2}, {1}});
        assertThat(new SparseCategoricalAccuracy().call(flat, P).toDoubleVector()).containsExactly(0, 1);
        assertThat(new SparseCategoricalAccuracy().call(column, P).toDoubleVector()).containsExactly(0, 1);
    }

    @Test
    void acceptsIntegerLabelsAndPicksFirstIndexOnTies() {
        INDArray p = Nd4j.create(new double[][] {{0.5, 0.5}, {0.5, 0.5}});
        INDArray labels = Nd4j.create(new int[] {0, 1}, new long[] {2}, DataType.INT32);
        assertThat(new SparseCategoricalAccuracy().call(labels, p).toDoubleVector()).containsExactly(1, 0);
    }

    @Test
    void nonIntegerLabelsMatchNoClass() {
        assertThat(new SparseCategoricalAccuracy().call(Nd4j.create(new double[] {1.5, 1}), P).toDoubleVector())
                .containsExactly(0, 1);
    }

    @Test
    void temporalLabelsGiveOneValuePerTimestep() {
        // (n=2, T=2, C=3): argmax per step [[2, 0], [1, 1]]
        INDArray p = Nd4j.create(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0.2, 0.5, 0.3}, new long[] {2, 2, 3});
        INDArray labels = Nd4j.create(new double[][] {{2, 1}, {1, 1}});
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        assertThat(m.call(labels, p).toDoubleMatrix()).isEqualTo(new double[][] {{1, 0}, {1, 1}});
        assertThat(m.call(labels.reshape(2, 2, 1), p).toDoubleMatrix()).isEqualTo(new double[][] {{1, 0}, {1, 1}});
        m.update(labels, p, Nd4j.create(new double[] {1, 3}));
        // per-sample weights over T=2: (1·(1+0) + 3·(1+1)) / (2·1 + 2·3)
        assertThat(m.result()).isEqualTo(7.0 / 8);
    }

    @Test
    void rejectsLabelsOfAnotherShape() {
        assertThatThrownBy(() -> new SparseCategoricalAccuracy().call(Nd4j.zeros(2, 3), P))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2,) or (2, 1)")
                .hasMessageContaining("Received: y_true shape (2, 3)");
    }
}
