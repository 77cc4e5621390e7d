package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitializersTest {

    @ParameterizedTest
    @CsvSource({
        "zeros, Zeros", "zero, Zeros", "Zeros, Zeros",
        "ones, Ones", "one, Ones", "Ones, Ones",
        "constant, Constant", "Constant, Constant",
        "random_normal, RandomNormal", "normal, RandomNormal", "RandomNormal, RandomNormal",
        "random_uniform, RandomUniform", "uniform, RandomUniform", "RandomUniform, RandomUniform",
        "truncated_normal, TruncatedNormal", "TruncatedNormal, TruncatedNormal",
        "variance_scaling, VarianceScaling", "VarianceScaling, VarianceScaling",
        "orthogonal, Orthogonal", "Orthogonal, Orthogonal",
        "identity, Identity", "Identity, Identity",
        "glorot_uniform, GlorotUniform", "GlorotUniform, GlorotUniform",
        "glorot_normal, GlorotNormal", "GlorotNormal, GlorotNormal",
        "he_uniform, HeUniform", "HeUniform, HeUniform",
        "he_normal, HeNormal", "HeNormal, HeNormal",
        "lecun_uniform, LecunUniform", "LecunUniform, LecunUniform",
        "lecun_normal, LecunNormal", "LecunNormal, LecunNormal"})
    void resolvesKerasNamesAliasesAndClassNames(String name, String className) {
        assertThat(Initializers.get(name).className()).isEqualTo(className);
    }

    @Test
    void knowsThirtyFourNames() {
        assertThat(Initializers.names()).hasSize(34).contains("glorot_uniform", "GlorotUniform", "zero");
    }

    @Test
    void returnsAFreshInstanceEachTime() {
        assertThat(Initializers.get("glorot_uniform")).isNotSameAs(Initializers.get("glorot_uniform"));
    }

    @Test
    void unknownNameFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> Initializers.get("xavier"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown initializer: xavier")
                .hasMessageContaining("glorot_uniform")
                .hasMessageContaining("he_normal");
    }
}
