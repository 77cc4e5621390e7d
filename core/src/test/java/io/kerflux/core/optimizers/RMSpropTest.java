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

class RMSpropTest {

    /** Keras 2.3 RMSprop, element by element: a = ρa + (1−ρ)g²; p −= lr·g / (√a + ε). */
    static double[][] reference(double lr, double rho, double eps, double decay, double[] p0, double[]... grads) {
        double[] p = p0.clone();
        double[] a = new double[p.length];
        double[][] out = new double[grads.length][];
        for (int it = 0; it < grads.length; it++) {
            double lrT = lr / (1 + decay * it);
            for (int j = 0; j < p.length; j++) {
                double g = grads[it][j];
                a[j] = rho * a[j] + (1 - rho) * g * g;
                p[j] -= lrT * g / (Math.sqrt(a[j]) + eps);
            }
            out[it] = p.clone();
        }
        return out;
    }

    @Test
    void defaultsFollowTheKerasFormula() {
        assertSteps(run(new RMSprop(), P, G1, G2), reference(0.001, 0.9, 1e-7, 0, P, G1, G2));
    }

    @Test
    void rhoEpsilonAndDecayAreUsed() {
        RMSprop opt = RMSprop.builder().learningRate(0.1).rho(0.5).epsilon(0.01).decay(0.3).build();
        double[][] actual = run(opt, P, G1, G2);
        assertSteps(actual, reference(0.1, 0.5, 0.01, 0.3, P, G1, G2));
        assertDiffer(actual, reference(0.1, 0.9, 0.01, 0.3, P, G1, G2));
        assertDiffer(actual, reference(0.1, 0.5, 1e-7, 0.3, P, G1, G2));
    }

    @Test
    void configHasKerasKeys() {
        assertThat(new RMSprop().getConfig()).containsExactly(
                entry("learning_rate", 0.001), entry("rho", 0.9), entry("decay", 0.0), entry("epsilon", 1e-7));
        assertThat(new RMSprop().className()).isEqualTo("RMSprop");
    }

    @Test
    void rejectsRhoOutsideUnitInterval() {
        assertThatThrownBy(() -> RMSprop.builder().rho(-0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rho=-0.5");
    }
}
