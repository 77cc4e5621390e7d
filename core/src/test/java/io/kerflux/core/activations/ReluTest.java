package io.kerflux.core.activations;

import static io.kerflux.core.activations.ActivationChecks.assertGradientMatches;
import static io.kerflux.core.activations.ActivationChecks.assertMatchesFormula;
import static io.kerflux.core.activations.ActivationChecks.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReluTest {

    @Test
    void parametrisedReluKeepsTheKerasName() {
        assertThat(Activations.relu(0.1, 6.0, 0.5).name()).isEqualTo("relu");
    }

    @Test
    void alphaIsTheSlopeBelowZero() {
        assertMatchesFormula(Activations.relu(0.1, null, 0), new double[] {-2, -0.5, 0.5, 3},
                x -> x > 0 ? x : 0.1 * x);
    }

    @Test
    void maxValueSaturates() {
        assertMatchesFormula(Activations.relu(0, 6.0, 0), new double[] {-1, 2, 5.9, 6.1, 9},
                x -> Math.min(Math.max(x, 0), 6));
    }

    @Test
    void thresholdMovesTheKinkAndAlphaMeasuresFromIt() {
        // f(x) = x above the threshold, alpha·(x − threshold) below it.
        assertMatchesFormula(Activations.relu(0, null, 1), new double[] {0.5, 0.99, 1.01, 2}, x -> x > 1 ? x : 0);
        assertMatchesFormula(Activations.relu(0.5, null, 1), new double[] {-1, 0.5, 2}, x -> x > 1 ? x : 0.5 * (x - 1));
    }

    @Test
    void allThreeOptionsTogether() {
        // alpha .2, max 4, threshold 1: −1 → .2·(−2); .5 → .2·(−.5); 1.5 → 1.5; 5 → 4.
        assertMatchesFormula(Activations.relu(0.2, 4.0, 1), new double[] {-1, 0.5, 1.5, 5},
                x -> x > 1 ? Math.min(x, 4) : 0.2 * (x - 1));
    }

    @Test
    void negativeThresholdWithMaxValueClipsTheGapToZeroAsKerasDoes() {
        // Keras 2.3 clips to [0, max_value] after thresholding, so (threshold, 0) maps to 0 with a
        // maximum and to x without one.
        assertMatchesFormula(Activations.relu(0, 3.0, -1), new double[] {-0.5, 2}, x -> Math.max(x, 0));
        assertMatchesFormula(Activations.relu(0, null, -1), new double[] {-1.5, -0.5, 2}, x -> x > -1 ? x : 0);
    }

    @Test
    void backwardMatchesFiniteDifferencesForEveryOption() {
        double[] points = {-2.3, -1.4, -0.6, 0.4, 1.6, 2.7, 4.5, 7.2};
        assertGradientMatches(Activations.relu(0, null, 0), doubles(points, 2, 4));
        assertGradientMatches(Activations.relu(0.3, null, 0), doubles(points, 2, 4));
        assertGradientMatches(Activations.relu(0, 6.0, 0), doubles(points, 2, 4));
        assertGradientMatches(Activations.relu(0.2, 4.0, 1.0), doubles(points, 4, 2));
        assertGradientMatches(Activations.relu(0.1, 3.0, -1.0), doubles(points, 8));
        assertGradientMatches(Activations.relu(0.1, null, -1.0), doubles(points, 2, 2, 2));
    }

    @Test
    void rejectsNegativeOrNonFiniteArguments() {
        assertThatThrownBy(() -> Activations.relu(0, -1.0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_value=-1.0");
        assertThatThrownBy(() -> Activations.relu(Double.NaN, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha=NaN");
        assertThatThrownBy(() -> Activations.relu(0, null, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold=Infinity");
    }
}
