package io.kerflux.core.constraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaxNormTest {
    private static final double EPS = 1e-7;

    @Test
    void scalesDownColumnsLongerThanTheMaximum() {
        // Columns (axis 0): (3, 4) has norm 5, (0.6, 0.8) norm 1.
        INDArray w = Nd4j.create(new double[][] {{3, 0.6}, {4, 0.8}});
        new MaxNorm(2).apply(w);
        double long0 = 2 / (EPS + 5);
        double short0 = 1 / (EPS + 1);
        assertThat(w.toDoubleMatrix()[0]).containsExactly(new double[] {3 * long0, 0.6 * short0}, within(1e-15));
        assertThat(w.toDoubleMatrix()[1]).containsExactly(new double[] {4 * long0, 0.8 * short0}, within(1e-15));
    }

    @Test
    void axisOneConstrainsRows() {
        INDArray w = Nd4j.create(new double[][] {{3, 4}, {0.6, 0.8}});
        new MaxNorm(2, 1).apply(w);
        assertThat(w.getRow(0).toDoubleVector()).containsExactly(new double[] {3 * 2 / (EPS + 5), 4 * 2 / (EPS + 5)},
                within(1e-15));
        assertThat(w.getRow(1).toDoubleVector()).containsExactly(new double[] {0.6 / (EPS + 1), 0.8 / (EPS + 1)},
                within(1e-15));
    }

    @Test
    void severalAxesMeasureWholeFilters() {
        // Conv kernel (1, 2, 2): with axis (0, 1) each of the 2 filters is the vector over the first two axes.
        INDArray w = Nd4j.create(new double[] {3, 1, 4, 1}, new long[] {1, 2, 2}, DataType.DOUBLE);
        new MaxNorm(1, 0, 1).apply(w);
        double f0 = 1 / (EPS + 5);
        double f1 = 1 / (EPS + Math.sqrt(2));
        assertThat(w.reshape(4).toDoubleVector()).containsExactly(new double[] {3 * f0, f1, 4 * f0, f1}, within(1e-15));
    }

    @Test
    void configHoldsKerasDefaultsAndAxisList() {
        assertThat(new MaxNorm().className()).isEqualTo("MaxNorm");
        assertThat(new MaxNorm().getConfig()).containsExactly(entry("max_value", 2.0), entry("axis", 0));
        assertThat(new MaxNorm(3, 0, 1, 2).getConfig()).containsEntry("axis", List.of(0, 1, 2));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new MaxNorm(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_value=-1.0");
        assertThatThrownBy(() -> new MaxNorm(1, 2).apply(Nd4j.ones(DataType.DOUBLE, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis=[2]");
    }
}
