package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ConstantTest {

    @Test
    void fillsWithTheValue() {
        INDArray w = new Constant(0.25).generate(new long[] {3, 2, 2}, DataType.FLOAT, Samples.rng(1));
        assertThat(w.shape()).containsExactly(3, 2, 2);
        assertThat(w.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Samples.values(w)).containsOnly(0.25);
    }

    @Test
    void defaultsToZeroAsKeras() {
        assertThat(new Constant().value()).isEqualTo(0.0);
        assertThat(Samples.values(new Constant().generate(new long[] {2}, DataType.DOUBLE, Samples.rng(1)))).containsOnly(0.0);
    }

    @Test
    void configHoldsTheValue() {
        assertThat(new Constant(3).className()).isEqualTo("Constant");
        assertThat(new Constant(3).getConfig()).containsExactly(entry("value", 3.0));
    }
}
