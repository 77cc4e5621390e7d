package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CategoricalAccuracyTest {

    @Test
    void matchesKerasDocstringExample() {
        INDArray t = Nd4j.create(new double[][] {{0, 0, 1}, {0, 1, 0}});
        INDArray p = Nd4j.create(new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}});
        CategoricalAccuracy m = new CategoricalAccuracy();
        assertThat(m.name()).isEqualTo("categorical_accuracy");
        assertThat(m.call(t, p).toDoubleVector()).containsExactly(0, 1);
        m.update(t, p, null);
        assertThat(m.result()).isEqualTo(0.5);
        CategoricalAccuracy weighted = new CategoricalAccuracy();
        weighted.update(t, p, Nd4j.create(new double[] {0.7, 0.3}));
        // (0.7·0 + 0.3·1) / 1.0
        assertThat(weighted.result()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void tiesPickTheFirstIndex() {
        // predictions tie between classes 0 and 1: argmax is 0
        INDArray p = Nd4j.create(new double[][] {{0.4, 0.4, 0.2}, {0.4, 0.4, 0.2}, {0.3, 0.3, 0.3}});
        // last row: target [1, 1, 0] ties too, so its argmax is 0 as well
        INDArray t = Nd4j.create(new double[][] {{1, 0, 0}, {0, 1, 0}, {1, 1, 0}});
        assertThat(new CategoricalAccuracy().call(t, p).toDoubleVector()).containsExactly(1, 0, 1);
    }

    @Test
    void temporalOutputsTakePerTimestepWeights() {
        // (n=2, T=2, C=2); argmax pred [[1,0],[0,0]], argmax true [[1,1],[0,1]]
        INDArray p = Nd4j.create(new double[] {0.2, 0.8, 0.6, 0.4, 0.9, 0.1, 0.7, 0.3}, new long[] {2, 2, 2});
        INDArray t = Nd4j.create(new double[] {0, 1, 0, 1, 1, 0, 0, 1}, new long[] {2, 2, 2});
        CategoricalAccuracy m = new CategoricalAccuracy();
        INDArray values = m.call(t, p);
        assertThat(values.shape()).containsExactly(2, 2);
        assertThat(values.toDoubleMatrix()).isEqualTo(new double[][] {{1, 0}, {1, 0}});
        m.update(t, p, Nd4j.create(new double[][] {{1, 2}, {3, 0}}));
        // (1·1 + 2·0 + 3·1 + 0·0) / 6
        assertThat(m.result()).isCloseTo(4.0 / 6, within(1e-12));
    }

    @Test
    void rejectsOneDimensionalPredictions() {
        assertThatThrownBy(() -> new CategoricalAccuracy().call(Nd4j.zeros(4), Nd4j.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categorical_accuracy")
                .hasMessageContaining("Received: y_pred shape (4,)");
    }
}
