package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BinaryAccuracyTest {

    private static INDArray column(double... v) {
        return Nd4j.create(v, new long[] {v.length, 1});
    }

    @Test
    void matchesKerasDocstringExample() {
        BinaryAccuracy m = new BinaryAccuracy();
        assertThat(m.name()).isEqualTo("binary_accuracy");
        assertThat(m.threshold()).isEqualTo(0.5);
        INDArray t = column(1, 1, 0, 0);
        INDArray p = column(0.98, 1, 0, 0.6);
        m.update(t, p, null);
        // right, right, right, wrong
        assertThat(m.result()).isEqualTo(0.75);
        BinaryAccuracy weighted = new BinaryAccuracy();
        weighted.update(t, p, Nd4j.create(new double[] {1, 0, 0, 1}));
        // (1 + 0) / 2
        assertThat(weighted.result()).isEqualTo(0.5);
    }

    @Test
    void predictionAtThresholdCountsAsZero() {
        INDArray p = column(0.5, 0.5, 0.50001, 0.49999);
        INDArray t = column(0, 1, 1, 0);
        assertThat(new BinaryAccuracy().call(t, p).toDoubleVector()).containsExactly(1, 0, 1, 1);
        BinaryAccuracy high = new BinaryAccuracy(0.7);
        // 0.7 itself is 0; 0.71 is 1
        assertThat(high.call(column(0, 1, 1), column(0.7, 0.7, 0.71)).toDoubleVector()).containsExactly(1, 0, 1);
    }

    @Test
    void usesStrictComparisonForPredictionsOutsideZeroOne() {
        // Keras' round() would make 1.7 -> 2 and -0.7 -> -1 (no match); the comparison maps them to 1 and 0
        assertThat(new BinaryAccuracy().call(column(1, 0), column(1.7, -0.7)).toDoubleVector())
                .containsExactly(1, 1);
    }

    @Test
    void averagesOverTheLastAxis() {
        INDArray t = Nd4j.create(new double[][] {{1, 0, 1, 1}, {0, 0, 1, 0}});
        INDArray p = Nd4j.create(new double[][] {{0.9, 0.1, 0.2, 0.8}, {0.6, 0.7, 0.9, 0.1}});
        // row 0: 3 of 4 right; row 1: 2 of 4 right
        assertThat(new BinaryAccuracy().call(t, p).toDoubleVector()).containsExactly(0.75, 0.5);
    }

    @Test
    void acceptsOneDimensionalTargetsAndKeepsFloatDtype() {
        INDArray t = Nd4j.create(new double[] {1, 0, 1});
        INDArray p = column(0.8, 0.3, 0.1).castTo(DataType.FLOAT);
        INDArray v = new BinaryAccuracy().call(t, p);
        assertThat(v.shape()).containsExactly(3);
        assertThat(v.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(v.toDoubleVector()).containsExactly(1, 1, 0);
    }

    @Test
    void temporalOutputsGiveOneValuePerTimestep() {
        // (n=2, T=2, 1) with weights (n, T)
        INDArray t = Nd4j.create(new double[] {1, 0, 1, 1}, new long[] {2, 2, 1});
        INDArray p = Nd4j.create(new double[] {0.9, 0.9, 0.2, 0.6}, new long[] {2, 2, 1});
        BinaryAccuracy m = new BinaryAccuracy();
        assertThat(m.call(t, p).shape()).containsExactly(2, 2);
        m.update(t, p, Nd4j.create(new double[][] {{1, 1}, {0, 2}}));
        // matches [[1,0],[0,1]] -> (1 + 0 + 0 + 2) / 4
        assertThat(m.result()).isEqualTo(0.75);
    }
}
