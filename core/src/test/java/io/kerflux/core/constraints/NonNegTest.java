package io.kerflux.core.constraints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NonNegTest {

    @Test
    void zeroesNegativeWeightsInPlace() {
        INDArray w = Nd4j.create(new double[][] {{-1, 2}, {0.5, -0.25}});
        new NonNeg().apply(w);
        assertThat(w.toDoubleMatrix()).isEqualTo(new double[][] {{0, 2}, {0.5, 0}});
    }

    @Test
    void configIsEmpty() {
        assertThat(new NonNeg().className()).isEqualTo("NonNeg");
        assertThat(new NonNeg().getConfig()).isEmpty();
    }
}
