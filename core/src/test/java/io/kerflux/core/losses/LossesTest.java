package io.kerflux.core.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void resolvesEveryNameAndAliasToItsCanonicalFunctionName() {
        Map<String, String> canonical = Map.ofEntries(
                Map.entry("mean_squared_error", "mean_squared_error"),
                Map.entry("mse", "mean_squared_error"),
                Map.entry("MSE", "mean_squared_error"),
                Map.entry("mean_absolute_error", "mean_absolute_error"),
                Map.entry("mae", "mean_absolute_error"),
                Map.entry("MAE", "mean_absolute_error"),
                Map.entry("mean_absolute_percentage_error", "mean_absolute_percentage_error"),
                Map.entry("mape", "mean_absolute_percentage_error"),
                Map.entry("MAPE", "mean_absolute_percentage_error"),
                Map.entry("mean_squared_logarithmic_error", "mean_squared_logarithmic_error"),
                Map.entry("msle", "mean_squared_logarithmic_error"),
                Map.entry("MSLE", "mean_squared_logarithmic_error"),
                Map.entry("hinge", "hinge"),
                Map.entry("squared_hinge", "squared_hinge"),
                Map.entry("categorical_hinge", "categorical_hinge"),
                Map.entry("logcosh", "logcosh"),
                Map.entry("huber_loss", "huber_loss"),
                Map.entry("categorical_crossentropy", "categorical_crossentropy"),
                Map.entry("sparse_categorical_crossentropy", "sparse_categorical_crossentropy"),
                Map.entry("binary_crossentropy", "binary_crossentropy"),
                Map.entry("kullback_leibler_divergence", "kullback_leibler_divergence"),
                Map.entry("kld", "kullback_leibler_divergence"),
                Map.entry("KLD", "kullback_leibler_divergence"),
                Map.entry("poisson", "poisson"),
                Map.entry("cosine_proximity", "cosine_proximity"),
                Map.entry("cosine", "cosine_proximity"),
                Map.entry("cosine_similarity", "cosine_proximity"));
        canonical.forEach((alias, name) -> {
            Loss loss = Losses.get(alias);
            assertThat(loss.name()).as(alias).isEqualTo(name);
            assertThat(((LossFunction) loss).reduction()).as(alias).isEqualTo(Reduction.SUM_OVER_BATCH_SIZE);
        });
    }

    @Test
    void resolvesToTheMatchingLossClasses() {
        assertThat(Losses.get("mse")).isInstanceOf(MeanSquaredError.class);
        assertThat(Losses.get("MAE")).isInstanceOf(MeanAbsoluteError.class);
        assertThat(Losses.get("mape")).isInstanceOf(MeanAbsolutePercentageError.class);
        assertThat(Losses.get("msle")).isInstanceOf(MeanSquaredLogarithmicError.class);
        assertThat(Losses.get("hinge")).isInstanceOf(Hinge.class);
        assertThat(Losses.get("squared_hinge")).isInstanceOf(SquaredHinge.class);
        assertThat(Losses.get("categorical_hinge")).isInstanceOf(CategoricalHinge.class);
        assertThat(Losses.get("logcosh")).isInstanceOf(LogCosh.class);
        assertThat(Losses.get("huber_loss"))
                .isInstanceOfSatisfying(Huber.class, h -> assertThat(h.delta()).isEqualTo(1.0));
        assertThat(Losses.get("categorical_crossentropy")).isInstanceOfSatisfying(CategoricalCrossentropy.class, c -> {
            assertThat(c.fromLogits()).isFalse();
            assertThat(c.labelSmoothing()).isZero();
        });
        assertThat(Losses.get("sparse_categorical_crossentropy")).isInstanceOf(SparseCategoricalCrossentropy.class);
        assertThat(Losses.get("binary_crossentropy")).isInstanceOf(BinaryCrossentropy.class);
        assertThat(Losses.get("KLD")).isInstanceOf(KLDivergence.class);
        assertThat(Losses.get("poisson")).isInstanceOf(Poisson.class);
        assertThat(Losses.get("cosine")).isInstanceOf(CosineSimilarity.class);
    }

    @Test
    void returnsAFreshInstanceEachTime() {
        assertThat(Losses.get("mse")).isNotSameAs(Losses.get("mse"));
    }

    @Test
    void rejectsUnknownNamesListingTheKnownOnes() {
        assertThatThrownBy(() -> Losses.get("foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown loss function:foo")
                .hasMessageContaining("mean_squared_error").hasMessageContaining("cosine_similarity");
    }

    @Test
    void namesAreCaseSensitive() {
        assertThatThrownBy(() -> Losses.get("Mse")).hasMessageStartingWith("Unknown loss function:Mse");
        assertThatThrownBy(() -> Losses.get("HINGE")).hasMessageStartingWith("Unknown loss function:HINGE");
        // tf.keras also knows "huber"; Keras 2.3.1 does not
        assertThatThrownBy(() -> Losses.get("huber")).hasMessageStartingWith("Unknown loss function:huber");
    }
}
