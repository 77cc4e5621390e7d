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

import org.junit.jupiter.api.Test;

class AdamaxTest {

    /** Keras 2.3 Adamax, element by element: m as Adam; u = max(β2u, |g|); p −= lr/(1−β1ᵗ)·m/(u + ε). */
    static double[][] reference(double lr, double beta1, double beta2, double eps, double decay, double[] p0, double[]... grads) {
        double[] p = p0.clone();
        double[] m = new double[p.length];
        double[] u = new double[p.length];
        double[][] out = new double[grads.length][];
        for (int it = 0; it < grads.length; it++) {
            int t = it + 1;
            double lrT = lr / (1 + decay * it) / (1 - Math.pow(beta1, t));
            for (int j = 0; j < p.length; j++) {
                double g = grads[it][j];
                m[j] = beta1 * m[j] + (1 - beta1) * g;
                u[j] = Math.max(beta2 * u[j], Math.abs(g));
                p[j] -= lrT * m[j] / (u[j] + eps);
            }
            out[it] = p.clone();
        }
        return out;
    }

    @Test
    void defaultsFollowTheKerasFormula() {
        assertSteps(run(new Adamax(), P, G1, G2), reference(0.002, 0.9, 0.999, 1e-7, 0, P, G1, G2));
    }

    @Test
    void betasEpsilonAndDecayAreUsed() {
        // beta2 = .5 makes the decayed norm (.5·.3) win over |g| = .1 for the third element
        Adamax opt = Adamax.builder().learningRate(0.1).beta1(0.7).beta2(0.5).epsilon(0.01).decay(0.4).build();
        double[][] actual = run(opt, P, G1, G2, G1);
        assertSteps(actual, reference(0.1, 0.7, 0.5, 0.01, 0.4, P, G1, G2, G1));
        assertDiffer(actual, reference(0.1, 0.7, 0.999, 0.01, 0.4, P, G1, G2, G1));
    }

    @Test
    void configHasKerasKeys() {
        assertThat(new Adamax().getConfig()).containsExactly(
                entry("learning_rate", 0.002), entry("beta_1", 0.9), entry("beta_2", 0.999),
                entry("decay", 0.0), entry("epsilon", 1e-7));
        assertThat(new Adamax().className()).isEqualTo("Adamax");
    }

    @Test
    void rejectsBetasOutsideHalfOpenUnitInterval() {
        assertThatThrownBy(() -> Adamax.builder().beta2(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta2=1.0");
    }
}
