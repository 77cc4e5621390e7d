package io.kerflux.core.regularizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class L1L2Test {
    private static final double[] W = {0.5, -1.5, 2.0, -0.25, 0.75, -3.0};

    private static INDArray weights() {
        return Nd4j.create(W, new long[] {2, 3}, DataType.DOUBLE);
    }

    @Test
    void lossIsL1TimesSumOfAbsPlusL2TimesSumOfSquares() {
        // Σ|w| = .5+1.5+2+.25+.75+3 = 8; Σw² = .25+2.25+4+.0625+.5625+9 = 16.125
        assertThat(new L1L2(0.1, 0.0).loss(weights())).isCloseTo(0.8, within(1e-12));
        assertThat(new L1L2(0.0, 0.2).loss(weights())).isCloseTo(3.225, within(1e-12));
        assertThat(new L1L2(0.1, 0.2).loss(weights())).isCloseTo(4.025, within(1e-12));
        assertThat(new L1L2(0.0, 0.0).loss(weights())).isZero();
    }

    @Test
    void gradientIsAddedToTheBuffer() {
        INDArray grad = Nd4j.ones(DataType.DOUBLE, 2, 3);
        new L1L2(0.1, 0.2).addGradient(weights(), grad);
        // 1 + 0.1·sign(w) + 0.4·w
        double[] expected = new double[W.length];
        for (int i = 0; i < W.length; i++) {
            expected[i] = 1 + 0.1 * Math.signum(W[i]) + 0.4 * W[i];
        }
        assertThat(grad.reshape(6).toDoubleVector()).containsExactly(expected, within(1e-12));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        L1L2 reg = new L1L2(0.3, 0.7);
        INDArray w = weights();
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        reg.addGradient(w, grad);
        GradientCheck.check("l1_l2", w, grad, () -> reg.loss(w), GradientCheck.MIN_ABS_ERROR_LAYERS);
    }

    @Test
    void configHoldsTheFactors() {
        assertThat(new L1L2(0.1, 0.2).className()).isEqualTo("L1L2");
        assertThat(new L1L2(0.1, 0.2).getConfig()).containsExactly(entry("l1", 0.1), entry("l2", 0.2));
    }

    @Test
    void rejectsNegativeOrNonFiniteFactors() {
        assertThatThrownBy(() -> new L1L2(-0.1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("l1=-0.1");
        assertThatThrownBy(() -> new L1L2(0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("l2=NaN");
    }
}
