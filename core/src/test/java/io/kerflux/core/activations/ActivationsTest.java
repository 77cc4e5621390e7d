package io.kerflux.core.activations;

import static io.kerflux.core.activations.ActivationChecks.assertGradientMatches;
import static io.kerflux.core.activations.ActivationChecks.assertMatchesFormula;
import static io.kerflux.core.activations.ActivationChecks.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationsTest {
    /** Points away from every kink (0 for relu/elu, ±2.5 for hard_sigmoid). */
    private static final double[] POINTS = {-3.7, -2.6, -1.2, -0.4, 0.3, 0.9, 2.4, 3.1};

    static Stream<Arguments> kerasFormulas() {
        DoubleUnaryOperator elu = x -> x > 0 ? x : Math.exp(x) - 1;
        // SELU constants from Klambauer et al. (2017), as written in keras/activations.py.
        DoubleUnaryOperator selu = x -> 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1));
        return Stream.of(
                Arguments.of("linear", (DoubleUnaryOperator) x -> x),
                Arguments.of("relu", (DoubleUnaryOperator) x -> Math.max(x, 0)),
                Arguments.of("elu", elu),
                Arguments.of("selu", selu),
                Arguments.of("softplus", (DoubleUnaryOperator) x -> Math.log(Math.exp(x) + 1)),
                Arguments.of("softsign", (DoubleUnaryOperator) x -> x / (Math.abs(x) + 1)),
                Arguments.of("tanh", (DoubleUnaryOperator) Math::tanh),
                Arguments.of("sigmoid", (DoubleUnaryOperator) x -> 1 / (1 + Math.exp(-x))),
                Arguments.of("hard_sigmoid", (DoubleUnaryOperator) x -> Math.min(1, Math.max(0, 0.2 * x + 0.5))),
                Arguments.of("exponential", (DoubleUnaryOperator) Math::exp));
    }

    @Test
    void nullMeansLinear() {
        assertThat(Activations.get(null).name()).isEqualTo("linear");
    }

    @Test
    void knowsExactlyTheKerasNames() {
        assertThat(Activations.names()).containsExactly("elu", "exponential", "hard_sigmoid", "linear", "relu",
                "selu", "sigmoid", "softmax", "softplus", "softsign", "tanh");
        for (String name : Activations.names()) {
            assertThat(Activations.get(name).name()).isEqualTo(name);
        }
    }

    @Test
    void unknownNameFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> Activations.get("foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown activation function: foo")
                .hasMessageContaining("hard_sigmoid")
                .hasMessageContaining("softmax");
    }

    @Test
    void namesAreCaseSensitiveAsInKeras() {
        assertThatThrownBy(() -> Activations.get("ReLU")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasFormulas")
    void valuesMatchKerasFormula(String name, DoubleUnaryOperator formula) {
        assertMatchesFormula(Activations.get(name), POINTS, formula);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasFormulas")
    void backwardMatchesFiniteDifferences(String name, DoubleUnaryOperator ignored) {
        assertGradientMatches(Activations.get(name), doubles(POINTS, 2, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu", "elu", "selu", "softplus", "softsign", "tanh", "sigmoid",
            "hard_sigmoid", "exponential", "softmax"})
    void worksInFloatWithoutTouchingTheInput(String name) {
        Activation a = Activations.get(name);
        INDArray x = Nd4j.create(new float[] {-1.5f, 0.5f, 2f, -0.25f}, new long[] {2, 2}, 'c');
        INDArray before = x.dup();
        INDArray y = a.apply(x);
        INDArray gx = a.backward(x, y, Nd4j.onesLike(y));
        assertThat(y.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(gx.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(y).isNotSameAs(x);
        assertThat(x).isEqualTo(before);
    }

    @Test
    void softplusIsStableForLargeMagnitudes() {
        INDArray y = Activations.get("softplus").apply(doubles(new double[] {-800, -40, 40, 800}, 1, 4));
        // log(1 + e^x) = e^x·(1 − e^x/2 + …) far below 0 and x + log(1 + e^−x) far above it; e^−40
        // vanishes next to 40 in double precision.
        assertThat(y.getDouble(0, 0)).isEqualTo(0.0);
        assertThat(y.getDouble(0, 1)).isCloseTo(Math.exp(-40), within(1e-30));
        assertThat(y.getDouble(0, 2)).isEqualTo(40.0);
        assertThat(y.getDouble(0, 3)).isEqualTo(800.0);
        INDArray f = Activations.get("softplus").apply(Nd4j.create(new float[] {-20f, 100f}, new long[] {1, 2}, 'c'));
        assertThat(f.getDouble(0, 0)).isCloseTo(Math.exp(-20), within(1e-15));
        assertThat(f.getDouble(0, 1)).isEqualTo(100.0);
    }

    @Test
    void hardSigmoidIsFlatOutsideItsRamp() {
        Activation a = Activations.get("hard_sigmoid");
        INDArray x = doubles(new double[] {-4, -1, 1, 4}, 1, 4);
        INDArray gx = a.backward(x, a.apply(x), Nd4j.onesLike(x));
        assertThat(gx.toDoubleVector()).containsExactly(new double[] {0, 0.2, 0.2, 0}, within(1e-15));
    }

    @Test
    void seluConstantsAreKeras() {
        assertThat(Activations.SELU_ALPHA).isEqualTo(1.6732632423543772);
        assertThat(Activations.SELU_SCALE).isEqualTo(1.0507009873554805);
    }
}
