package io.kerflux.core.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    @Test
    void namesGiveKerasDefaults() {
        // KERAS_SEMANTICS.md §11, epsilon = K.epsilon() = 1e-7
        assertThat(Optimizers.get("sgd").getConfig()).isEqualTo(
                Map.of("learning_rate", 0.01, "momentum", 0.0, "decay", 0.0, "nesterov", false));
        assertThat(Optimizers.get("rmsprop").getConfig()).isEqualTo(
                Map.of("learning_rate", 0.001, "rho", 0.9, "decay", 0.0, "epsilon", 1e-7));
        assertThat(Optimizers.get("adagrad").getConfig()).isEqualTo(
                Map.of("learning_rate", 0.01, "decay", 0.0, "epsilon", 1e-7));
        assertThat(Optimizers.get("adadelta").getConfig()).isEqualTo(
                Map.of("learning_rate", 1.0, "rho", 0.95, "decay", 0.0, "epsilon", 1e-7));
        assertThat(Optimizers.get("adam").getConfig()).isEqualTo(Map.of("learning_rate", 0.001, "beta_1", 0.9,
                "beta_2", 0.999, "decay", 0.0, "epsilon", 1e-7, "amsgrad", false));
        assertThat(Optimizers.get("adamax").getConfig()).isEqualTo(Map.of("learning_rate", 0.002, "beta_1", 0.9,
                "beta_2", 0.999, "decay", 0.0, "epsilon", 1e-7));
        assertThat(Optimizers.get("nadam").getConfig()).isEqualTo(Map.of("learning_rate", 0.002, "beta_1", 0.9,
                "beta_2", 0.999, "epsilon", 1e-7, "schedule_decay", 0.004));
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(Optimizers.get("SGD").className()).isEqualTo("SGD");
        assertThat(Optimizers.get("RMSprop").className()).isEqualTo("RMSprop");
        assertThat(Optimizers.get("ADAM").className()).isEqualTo("Adam");
        assertThat(Optimizers.get("AdaMax").className()).isEqualTo("Adamax");
        assertThat(Optimizers.get("Nadam").className()).isEqualTo("Nadam");
        assertThat(Optimizers.get("adaDelta").className()).isEqualTo("Adadelta");
        assertThat(Optimizers.get("AdaGrad").className()).isEqualTo("Adagrad");
    }

    @Test
    void everyCallGivesAFreshOptimizer() {
        assertThat(Optimizers.get("adam")).isNotSameAs(Optimizers.get("adam"));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Optimizers.get("foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown optimizer: foo")
                .hasMessageContaining("[adadelta, adagrad, adam, adamax, nadam, rmsprop, sgd]");
    }
}
