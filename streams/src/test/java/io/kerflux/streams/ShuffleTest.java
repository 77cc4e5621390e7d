package io.kerflux.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShuffleTest {

    @Test
    void mapsKerasBooleans() {
        assertThat(Shuffle.of(true)).isEqualTo(Shuffle.TRUE);
        assertThat(Shuffle.of(false)).isEqualTo(Shuffle.FALSE);
    }

    @Test
    void mapsTheKerasStringBatch() {
        assertThat(Shuffle.of("batch")).isEqualTo(Shuffle.BATCH);
    }

    @Test
    void rejectsAnyOtherString() {
        for (String other : new String[] {"Batch", "true", ""}) {
            assertThatThrownBy(() -> Shuffle.of(other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Received: shuffle=\"" + other + "\"");
        }
    }
}
