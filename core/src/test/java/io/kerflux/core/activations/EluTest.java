package io.kerflux.core.activations;

import static io.kerflux.core.activations.ActivationChecks.assertGradientMatches;
import static io.kerflux.core.activations.ActivationChecks.assertMatchesFormula;
import static io.kerflux.core.activations.ActivationChecks.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class EluTest {

    @Test
    void customAlphaScalesOnlyTheNegativeBranch() {
        Activation a = Activations.elu(0.5);
        assertThat(a.name()).isEqualTo("elu");
        assertMatchesFormula(a, new double[] {-3, -0.2, 0.2, 3}, x -> x > 0 ? x : 0.5 * (Math.exp(x) - 1));
    }

    @Test
    void largePositiveInputsDoNotOverflow() {
        INDArray y = Activations.get("selu").apply(doubles(new double[] {1000, -1000}, 1, 2));
        assertThat(y.getDouble(0, 0)).isEqualTo(1.0507009873554805 * 1000);
        // selu(−∞) = −scale·alpha
        assertThat(y.getDouble(0, 1)).isEqualTo(-1.0507009873554805 * 1.6732632423543772);
        INDArray g = Activations.get("elu").backward(doubles(new double[] {1000}, 1, 1), y, doubles(new double[] {1}, 1, 1));
        assertThat(g.getDouble(0, 0)).isEqualTo(1.0);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        double[] points = {-2.5, -0.7, -0.1, 0.1, 0.8, 2.2};
        assertGradientMatches(Activations.elu(0.5), doubles(points, 2, 3));
        assertGradientMatches(Activations.elu(2.0), doubles(points, 3, 2));
        assertGradientMatches(Activations.get("selu"), doubles(points, 6));
    }

    @Test
    void rejectsNonFiniteAlpha() {
        assertThatThrownBy(() -> Activations.elu(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha=NaN");
    }
}
