package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdentityTest {

    @Test
    void squareShapeGivesGainTimesIdentity() {
        INDArray w = new Identity(3).generate(new long[] {2, 2}, DataType.FLOAT, Samples.rng(1));
        assertThat(w.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(w.toDoubleMatrix()).isEqualTo(new double[][] {{3, 0}, {0, 3}});
    }

    @Test
    void nonSquareShapesArePaddedWithZerosAsKeras23Does() {
        assertThat(new Identity().generate(new long[] {2, 3}, DataType.DOUBLE, Samples.rng(1)).toDoubleMatrix())
                .isEqualTo(new double[][] {{1, 0, 0}, {0, 1, 0}});
        assertThat(new Identity().generate(new long[] {3, 2}, DataType.DOUBLE, Samples.rng(1)).toDoubleMatrix())
                .isEqualTo(new double[][] {{1, 0}, {0, 1}, {0, 0}});
    }

    @Test
    void rejectsOtherRanks() {
        assertThatThrownBy(() -> new Identity().generate(new long[] {2, 2, 2}, DataType.DOUBLE, Samples.rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Identity matrix initializer can only be used for 2D matrices");
    }

    @Test
    void configHoldsTheGain() {
        assertThat(new Identity().className()).isEqualTo("Identity");
        assertThat(new Identity().getConfig()).containsExactly(entry("gain", 1.0));
    }
}
