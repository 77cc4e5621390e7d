package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class SumTest {

    @Test
    void sumsValuesAndWeightsAsInKerasDocstring() {
        Sum s = new Sum();
        s.update(Nd4j.create(new double[] {1, 3, 5, 7}), null);
        assertThat(s.result()).isEqualTo(16.0);
        assertThat(s.name()).isEqualTo("sum");

        Sum weighted = new Sum("weighted");
        weighted.update(Nd4j.create(new double[] {1, 3, 5, 7}), Nd4j.create(new double[] {1, 1, 0, 0}));
        assertThat(weighted.result()).isEqualTo(4.0);
    }

    @Test
    void accumulatesAcrossUpdatesUntilReset() {
        Sum s = new Sum();
        assertThat(s.result()).isZero();
        s.update(Nd4j.create(new double[] {1, 2}), null);
        s.update(Nd4j.create(new double[][] {{3, 4}}), Nd4j.create(new double[] {0.5}));
        // 1 + 2 + 0.5·(3+4)
        assertThat(s.result()).isEqualTo(6.5);
        s.reset();
        assertThat(s.result()).isZero();
    }
}
