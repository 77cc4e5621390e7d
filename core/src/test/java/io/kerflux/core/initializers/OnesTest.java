package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class OnesTest {

    @Test
    void fillsWithOneInTheRequestedType() {
        INDArray w = new Ones().generate(new long[] {4}, DataType.DOUBLE, Samples.rng(1));
        assertThat(w.shape()).containsExactly(4);
        assertThat(w.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(Samples.values(w)).containsOnly(1.0);
    }

    @Test
    void configIsEmpty() {
        assertThat(new Ones().className()).isEqualTo("Ones");
        assertThat(new Ones().getConfig()).isEmpty();
    }
}
