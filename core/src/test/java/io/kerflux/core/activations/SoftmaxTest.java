package io.kerflux.core.activations;

import static io.kerflux.core.activations.ActivationChecks.assertGradientMatches;
import static io.kerflux.core.activations.ActivationChecks.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SoftmaxTest {
    private final Activation softmax = Activations.get("softmax");

    private static double[] softmaxOf(double... row) {
        double sum = 0;
        double[] e = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            e[i] = Math.exp(row[i]);
            sum += e[i];
        }
        for (int i = 0; i < row.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    @Test
    void normalisesEachRow() {
        INDArray y = softmax.apply(doubles(new double[] {1, 2, 3, -1, 0, 4}, 2, 3));
        assertThat(y.getRow(0).toDoubleVector()).containsExactly(softmaxOf(1, 2, 3), within(1e-15));
        assertThat(y.getRow(1).toDoubleVector()).containsExactly(softmaxOf(-1, 0, 4), within(1e-15));
        assertThat(y.sum(1).toDoubleVector()).containsExactly(new double[] {1, 1}, within(1e-15));
    }

    @Test
    void worksOnTheLastAxisOfHigherRanks() {
        INDArray y = softmax.apply(doubles(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double a = 4 * i + 2 * j;
                assertThat(new double[] {y.getDouble(i, j, 0), y.getDouble(i, j, 1)})
                        .containsExactly(softmaxOf(a, a + 1), within(1e-15));
            }
        }
    }

    @Test
    void isStableForLargeInputs() {
        INDArray y = softmax.apply(doubles(new double[] {1000, 1001, 1002, -1000, -1001, -1002}, 2, 3));
        assertThat(y.getRow(0).toDoubleVector()).containsExactly(softmaxOf(0, 1, 2), within(1e-15));
        assertThat(y.getRow(1).toDoubleVector()).containsExactly(softmaxOf(0, -1, -2), within(1e-15));
    }

    @Test
    void rejectsOneDimensionalInputAsKerasDoes() {
        assertThatThrownBy(() -> softmax.apply(doubles(new double[] {1, 2}, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot apply softmax to a tensor that is 1D");
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        double[] points = {0.3, -1.2, 2.0, 0.7, -0.4, 1.1, 0.0, -2.2, 0.9, 1.6, -0.8, 0.2};
        assertGradientMatches(softmax, doubles(points, 3, 4));
        assertGradientMatches(softmax, doubles(points, 2, 2, 3));
    }
}
