package io.kerflux.core.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReductionTest {

    @Test
    void mapsToKerasStrings() {
        assertThat(Reduction.NONE.kerasName()).isEqualTo("none");
        assertThat(Reduction.SUM.kerasName()).isEqualTo("sum");
        assertThat(Reduction.SUM_OVER_BATCH_SIZE.kerasName()).isEqualTo("sum_over_batch_size");
        for (Reduction r : Reduction.values()) {
            assertThat(Reduction.fromKerasName(r.kerasName())).isEqualTo(r);
        }
    }

    @Test
    void rejectsUnknownAndMisspelledNames() {
        assertThatThrownBy(() -> Reduction.fromKerasName("SUM"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid Reduction Key")
                .hasMessageContaining("none, sum, sum_over_batch_size")
                .hasMessageContaining("Received: reduction=SUM");
        assertThatThrownBy(() -> Reduction.fromKerasName("auto")).isInstanceOf(IllegalArgumentException.class);
    }
}
