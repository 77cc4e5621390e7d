package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricFunctionsTest {

    @Test
    void cosineSimilarityIsPositiveForAlignedVectors() {
        INDArray t = Nd4j.create(new double[][] {{0, 1, 1}, {1, 0, 0}, {1, 0, 0}, {3, 4, 0}});
        INDArray p = Nd4j.create(new double[][] {{1, 0, 1}, {2, 0, 0}, {-1, 0, 0}, {4, 3, 0}});
        double[] v = MetricFunctions.cosineSimilarity(t, p).toDoubleVector();
        // Keras docstring: 1/(√2·√2) = 0.5; parallel 1; opposite -1; (12+12)/(5·5) = 0.96
        assertThat(v[0]).isCloseTo(0.5, within(1e-12));
        assertThat(v[1]).isCloseTo(1.0, within(1e-12));
        assertThat(v[2]).isCloseTo(-1.0, within(1e-12));
        assertThat(v[3]).isCloseTo(0.96, within(1e-12));
    }

    @Test
    void cosineSimilarityOfAZeroVectorIsZero() {
        // Σx² is floored at 1e-12, so 0/1e-6 instead of 0/0
        INDArray v = MetricFunctions.cosineSimilarity(Nd4j.zeros(1, 2), Nd4j.create(new double[][] {{1, 0}}));
        assertThat(v.toDoubleVector()).containsExactly(0);
    }

    @Test
    void perSampleValuesKeepTheFloatDtype() {
        INDArray p = Nd4j.create(new double[][] {{0.2, 0.8}}).castTo(DataType.FLOAT);
        INDArray t = Nd4j.create(new double[][] {{0, 1}});
        assertThat(MetricFunctions.categoricalAccuracy(t, p).dataType()).isEqualTo(DataType.FLOAT);
        assertThat(MetricFunctions.sparseTopKCategoricalAccuracy(Nd4j.create(new double[] {1}), p, 1).dataType())
                .isEqualTo(DataType.FLOAT);
        assertThat(MetricFunctions.cosineSimilarity(t, p).dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void readsNonContiguousViews() {
        INDArray wide = Nd4j.create(new double[][] {{0.9, 0, 0.1, 1}, {0.2, 1, 0.8, 0}});
        INDArray p = wide.getColumns(0, 2);
        INDArray t = wide.getColumns(3, 1);
        // p rows [0.9, 0.1] and [0.2, 0.8]; t rows [1, 0] and [0, 1]
        assertThat(MetricFunctions.categoricalAccuracy(t, p).toDoubleVector()).containsExactly(1, 1);
    }

    @Test
    void rejectsMismatchedShapesNamingTheFunction() {
        assertThatThrownBy(() -> MetricFunctions.topKCategoricalAccuracy(Nd4j.zeros(2, 3), Nd4j.zeros(2, 4), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("top_k_categorical_accuracy")
                .hasMessageContaining("Received: y_true shape (2, 3), y_pred shape (2, 4)");
    }
}
