package io.kerflux.core.regularizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class RegularizersTest {

    @Test
    void factoriesSetOneOrBothFactors() {
        assertThat(Regularizers.l1(0.5).getConfig()).containsExactly(entry("l1", 0.5), entry("l2", 0.0));
        assertThat(Regularizers.l2(0.5).getConfig()).containsExactly(entry("l1", 0.0), entry("l2", 0.5));
        assertThat(Regularizers.l1L2(0.1, 0.2).getConfig()).containsExactly(entry("l1", 0.1), entry("l2", 0.2));
    }

    @Test
    void namesUseKerasDefaults() {
        assertThat(Regularizers.get("l1").getConfig()).containsExactly(entry("l1", 0.01), entry("l2", 0.0));
        assertThat(Regularizers.get("l2").getConfig()).containsExactly(entry("l1", 0.0), entry("l2", 0.01));
        assertThat(Regularizers.get("l1_l2").getConfig()).containsExactly(entry("l1", 0.01), entry("l2", 0.01));
        assertThat(Regularizers.get("L1L2").getConfig()).containsExactly(entry("l1", 0.0), entry("l2", 0.0));
    }

    @Test
    void unknownNameFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> Regularizers.get("l3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown regularizer: l3")
                .hasMessageContaining("l1_l2");
    }
}
