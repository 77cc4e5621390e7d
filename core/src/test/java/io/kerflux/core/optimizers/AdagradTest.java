package io.kerflux.core.optimizers;

import static io.kerflux.core.optimizers.Steps.G1;
import static io.kerflux.core.optimizers.Steps.G2;
import static io.kerflux.core.optimizers.Steps.P;
import static io.kerflux.core.optimizers.Steps.assertDiffer;
import static io.kerflux.core.optimizers.Steps.assertSteps;
import static io.kerflux.core.optimizers.Steps.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdagradTest {

    /** Keras 2.3 Adagrad, element by element: a += g² (a starts at 0); p −= lr·g / (√a + ε). */
    static double[][] reference(double lr, double eps, double decay, double[] p0, double[]... grads) {
        double[] p = p0.clone();
        double[] a = new double[p.length];
        double[][] out = new double[grads.length][];
        for (int it = 0; it < grads.length; it++) {
            double lrT = lr / (1 + decay * it);
            for (int j = 0; j < p.length; j++) {
                double g = grads[it][j];
                a[j] += g * g;
                p[j] -= lrT * g / (Math.sqrt(a[j]) + eps);
            }
            out[it] = p.clone();
        }
        return out;
    }

    @Test
    void defaultsFollowTheKerasFormula() {
        double[][] actual = run(new Adagrad(), P, G1, G2);
        assertSteps(actual, reference(0.01, 1e-7, 0, P, G1, G2));
        // by hand: the first step moves every element by lr·g/|g| ≈ lr against the gradient's sign
        assertThat(actual[0][0]).isCloseTo(1 - 0.01, within(1e-7));
    }

    @Test
    void epsilonAndDecayAreUsed() {
        Adagrad opt = Adagrad.builder().learningRate(0.5).epsilon(0.1).decay(1.0).build();
        double[][] actual = run(opt, P, G1, G2);
        assertSteps(actual, reference(0.5, 0.1, 1.0, P, G1, G2));
        assertDiffer(actual, reference(0.5, 0.1, 0, P, G1, G2));
    }

    @Test
    void configHasKerasKeys() {
        assertThat(new Adagrad().getConfig()).containsExactly(
                entry("learning_rate", 0.01), entry("decay", 0.0), entry("epsilon", 1e-7));
        assertThat(new Adagrad().className()).isEqualTo("Adagrad");
    }
}
