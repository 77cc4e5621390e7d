package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AccuracyTest {

    @Test
    void countsExactMatchesAsInKerasDocstring() {
        Accuracy m = new Accuracy();
        assertThat(m.name()).isEqualTo("accuracy");
        INDArray t = Nd4j.create(new double[] {1, 2, 3, 4});
        INDArray p = Nd4j.create(new double[] {0, 2, 3, 4});
        assertThat(m.call(t, p).toDoubleVector()).containsExactly(0, 1, 1, 1);
        m.update(t, p, null);
        assertThat(m.result()).isEqualTo(0.75);

        Accuracy weighted = new Accuracy();
        weighted.update(t, p, Nd4j.create(new double[] {1, 1, 0, 0}));
        // (0 + 1) / 2
        assertThat(weighted.result()).isEqualTo(0.5);
    }

    @Test
    void requiresExactEqualityWithoutTolerance() {
        INDArray t = Nd4j.create(new double[][] {{0.5, 1}, {0, 0}});
        INDArray p = Nd4j.create(new double[][] {{0.5000001, 1}, {0, 0}});
        // sample 0: one of two equal; sample 1: both equal
        assertThat(new Accuracy().call(t, p).toDoubleVector()).containsExactly(0.5, 1);
    }

    @Test
    void averagesTheLastAxisLikeKerasElementwiseWeightedMean() {
        INDArray t = Nd4j.create(new double[][] {{1, 2, 3}, {1, 1, 1}});
        INDArray p = Nd4j.create(new double[][] {{1, 0, 3}, {0, 0, 0}});
        Accuracy m = new Accuracy();
        m.update(t, p, Nd4j.create(new double[] {3, 1}));
        // Keras: element matches [[1,0,1],[0,0,0]], weights broadcast per row:
        // (3·2 + 1·0) / (3·3 + 1·3) = 6/12
        assertThat(m.result()).isEqualTo(0.5);
    }

    @Test
    void comparesTargetsInThePredictionsDtype() {
        INDArray t = Nd4j.create(new double[] {0.1, 0.2});
        INDArray p = Nd4j.create(new double[] {0.1, 0.3}).castTo(DataType.FLOAT);
        INDArray v = new Accuracy().call(t, p);
        assertThat(v.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(v.toDoubleVector()).containsExactly(1, 0);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> new Accuracy().call(Nd4j.zeros(3, 2), Nd4j.zeros(3, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y_true shape (3, 2)")
                .hasMessageContaining("y_pred shape (3, 3)");
    }
}
