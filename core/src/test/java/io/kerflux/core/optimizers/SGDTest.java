package io.kerflux.core.optimizers;

import static io.kerflux.core.optimizers.Steps.G1;
import static io.kerflux.core.optimizers.Steps.G2;
import static io.kerflux.core.optimizers.Steps.P;
import static io.kerflux.core.optimizers.Steps.assertDiffer;
import static io.kerflux.core.optimizers.Steps.assertSteps;
import static io.kerflux.core.optimizers.Steps.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SGDTest {

    /** Keras 2.3 SGD, element by element: v = μv − lr·g; p += v, or p += μv − lr·g with Nesterov. */
    static double[][] reference(double lr, double momentum, boolean nesterov, double decay, double[] p0, double[]... grads) {
        double[] p = p0.clone();
        double[] v = new double[p.length];
        double[][] out = new double[grads.length][];
        for (int it = 0; it < grads.length; it++) {
            double lrT = lr / (1 + decay * it);
            for (int j = 0; j < p.length; j++) {
                double g = grads[it][j];
                v[j] = momentum * v[j] - lrT * g;
                p[j] += nesterov ? momentum * v[j] - lrT * g : v[j];
            }
            out[it] = p.clone();
        }
        return out;
    }

    @Test
    void defaultsStepAgainstTheGradient() {
        assertSteps(run(new SGD(), P, G1, G2), reference(0.01, 0, false, 0, P, G1, G2));
        // by hand, first element: 1 − .01·.1 = .999, then .999 + .01·.5 = 1.004
        assertThat(run(new SGD(), P, G1, G2)[1][0]).isCloseTo(1.004, within(1e-12));
    }

    @Test
    void momentumAccumulatesVelocity() {
        SGD sgd = SGD.builder().learningRate(0.1).momentum(0.9).build();
        double[][] actual = run(sgd, P, G1, G2);
        assertSteps(actual, reference(0.1, 0.9, false, 0, P, G1, G2));
        assertDiffer(actual, reference(0.1, 0, false, 0, P, G1, G2));
    }

    @Test
    void nesterovLooksAhead() {
        SGD sgd = SGD.builder().learningRate(0.1).momentum(0.9).nesterov(true).build();
        double[][] actual = run(sgd, P, G1, G2);
        assertSteps(actual, reference(0.1, 0.9, true, 0, P, G1, G2));
        assertDiffer(actual, reference(0.1, 0.9, false, 0, P, G1, G2));
    }

    @Test
    void nesterovWithoutMomentumIsPlainSgd() {
        SGD sgd = SGD.builder().learningRate(0.1).nesterov(true).build();
        assertSteps(run(sgd, P, G1, G2), reference(0.1, 0, false, 0, P, G1, G2));
    }

    @Test
    void decayShrinksTheLearningRate() {
        SGD sgd = SGD.builder().learningRate(0.1).momentum(0.5).decay(0.5).build();
        double[][] actual = run(sgd, P, G1, G2, G1);
        assertSteps(actual, reference(0.1, 0.5, false, 0.5, P, G1, G2, G1));
        assertDiffer(actual, reference(0.1, 0.5, false, 0, P, G1, G2, G1));
    }

    @Test
    void configHasKerasKeys() {
        assertThat(new SGD().getConfig()).containsExactly(
                entry("learning_rate", 0.01),
                entry("momentum", 0.0),
                entry("decay", 0.0),
                entry("nesterov", false));
        assertThat(new SGD().className()).isEqualTo("SGD");
    }

    @Test
    void rejectsMomentumOutsideUnitInterval() {
        assertThatThrownBy(() -> SGD.builder().momentum(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum=1.5");
        assertThatThrownBy(() -> SGD.builder().momentum(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum=-0.1");
    }
}
