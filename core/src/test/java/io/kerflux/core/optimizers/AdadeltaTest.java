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

class AdadeltaTest {

    /**
     * Keras 2.3 Adadelta, element by element: a = ρa + (1−ρ)g²; u = g·√(d+ε)/√(a+ε); p −= lr·u;
     * d = ρd + (1−ρ)u².
     */
    static double[][] reference(double lr, double rho, double eps, double decay, double[] p0, double[]... grads) {
        double[] p = p0.clone();
        double[] a = new double[p.length];
        double[] d = new double[p.length];
        double[][] out = new double[grads.length][];
        for (int it = 0; it < grads.length; it++) {
            double lrT = lr / (1 + decay * it);
            for (int j = 0; j < p.length; j++) {
                double g = grads[it][j];
                a[j] = rho * a[j] + (1 - rho) * g * g;
                double u = g * Math.sqrt(d[j] + eps) / Math.sqrt(a[j] + eps);
                p[j] -= lrT * u;
                d[j] = rho * d[j] + (1 - rho) * u * u;
            }
            out[it] = p.clone();
        }
        return out;
    }

    @Test
    void defaultsFollowTheKerasFormula() {
        assertSteps(run(new Adadelta(), P, G1, G2, G1), reference(1.0, 0.95, 1e-7, 0, P, G1, G2, G1));
    }

    @Test
    void rhoEpsilonAndDecayAreUsed() {
        Adadelta opt = Adadelta.builder().learningRate(0.5).rho(0.6).epsilon(1e-3).decay(0.2).build();
        double[][] actual = run(opt, P, G1, G2, G1);
        assertSteps(actual, reference(0.5, 0.6, 1e-3, 0.2, P, G1, G2, G1));
        assertDiffer(actual, reference(0.5, 0.95, 1e-3, 0.2, P, G1, G2, G1));
    }

    @Test
    void configHasKerasKeys() {
        assertThat(new Adadelta().getConfig()).containsExactly(
                entry("learning_rate", 1.0), entry("rho", 0.95), entry("decay", 0.0), entry("epsilon", 1e-7));
        assertThat(new Adadelta().className()).isEqualTo("Adadelta");
    }

    @Test
    void rejectsRhoOutsideUnitInterval() {
        assertThatThrownBy(() -> Adadelta.builder().rho(1.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rho=1.01");
    }
}
