package io.kerflux.core.constraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UnitNormTest {
    private static final double EPS = 1e-7;

    @Test
    void dividesEachColumnByItsNormPlusEpsilon() {
        INDArray w = Nd4j.create(new double[][] {{3, 0.1}, {4, 0}});
        new UnitNorm().apply(w);
        assertThat(w.getColumn(0).toDoubleVector()).containsExactly(new double[] {3 / (5 + EPS), 4 / (5 + EPS)}, within(1e-15));
        assertThat(w.getColumn(1).toDoubleVector()).containsExactly(new double[] {0.1 / (0.1 + EPS), 0}, within(1e-15));
    }

    @Test
    void negativeAxisCountsFromTheEnd() {
        INDArray w = Nd4j.create(new double[][] {{3, 4}, {1, 0}});
        new UnitNorm(-1).apply(w);
        assertThat(w.getRow(0).toDoubleVector()).containsExactly(new double[] {3 / (5 + EPS), 4 / (5 + EPS)}, within(1e-15));
        assertThat(w.getRow(1).toDoubleVector()).containsExactly(new double[] {1 / (1 + EPS), 0}, within(1e-15));
    }

    @Test
    void worksInPlaceOnFloat() {
        INDArray w = Nd4j.create(new float[] {0, 2}, new long[] {2}, 'c');
        new UnitNorm().apply(w);
        assertThat(w.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(w.getDouble(1)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void configHoldsTheAxis() {
        assertThat(new UnitNorm().className()).isEqualTo("UnitNorm");
        assertThat(new UnitNorm().getConfig()).containsExactly(entry("axis", 0));
    }
}
