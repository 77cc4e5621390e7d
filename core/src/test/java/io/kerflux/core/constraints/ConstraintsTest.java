package io.kerflux.core.constraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConstraintsTest {

    @ParameterizedTest
    @CsvSource({
        "max_norm, MaxNorm", "maxnorm, MaxNorm", "MaxNorm, MaxNorm",
        "non_neg, NonNeg", "nonneg, NonNeg", "NonNeg, NonNeg",
        "unit_norm, UnitNorm", "unitnorm, UnitNorm", "UnitNorm, UnitNorm",
        "min_max_norm, MinMaxNorm", "MinMaxNorm, MinMaxNorm"})
    void resolvesKerasNamesAliasesAndClassNames(String name, String className) {
        assertThat(Constraints.get(name).className()).isEqualTo(className);
    }

    @Test
    void unknownNameFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> Constraints.get("positive"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown constraint: positive")
                .hasMessageContaining("max_norm")
                .hasMessageContaining("non_neg");
    }
}
