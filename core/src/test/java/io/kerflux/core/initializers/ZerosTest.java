package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ZerosTest {

    @Test
    void fillsWithZeroInTheRequestedType() {
        INDArray w = new Zeros().generate(new long[] {2, 3}, DataType.FLOAT, Samples.rng(1));
        assertThat(w.shape()).containsExactly(2, 3);
        assertThat(w.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Samples.values(w)).containsOnly(0.0);
    }

    @Test
    void configIsEmpty() {
        assertThat(new Zeros().className()).isEqualTo("Zeros");
        assertThat(new Zeros().getConfig()).isEmpty();
    }

    @Test
    void rejectsNegativeDimensions() {
        assertThatThrownBy(() -> new Zeros().generate(new long[] {2, -1}, DataType.FLOAT, Samples.rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape=[2, -1]");
    }
}
