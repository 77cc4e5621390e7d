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

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    /**
     * Keras 2.3 Adam, element by element: m = β1m + (1−β1)g; v = β2v + (1−β2)g²;
     * lr_t = lr·√(1−β2ᵗ)/(1−β1ᵗ); p −= lr_t·m/(√v + ε), with v̂ = max(v̂, v) in place of v for AMSGrad.
     */
    static double[][] reference(double lr, double beta1, double beta2, double eps, double decay, boolean amsgrad,
            double[] p0, double[]... grads) {
        double[] p = p0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double[] vhat = new double[p.length];
        double[][] out = new double[grads.length][];
        for (int it = 0; it < grads.length; it++) {
            int t = it + 1;
            double lrT = lr / (1 + decay * it) * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
            for (int j = 0; j < p.length; j++) {
                double g = grads[it][j];
                m[j] = beta1 * m[j] + (1 - beta1) * g;
                v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                vhat[j] = Math.max(vhat[j], v[j]);
                p[j] -= lrT * m[j] / (Math.sqrt(amsgrad ? vhat[j] : v[j]) + eps);
            }
            out[it] = p.clone();
        }
        return out;
    }

    @Test
    void defaultsFollowTheKerasFormula() {
        assertSteps(run(new Adam(), P, G1, G2), reference(0.001, 0.9, 0.999, 1e-7, 0, false, P, G1, G2));
    }

    @Test
    void amsgradUsesTheLargestSecondMoment() {
        // with beta2 = .5 the third element's v falls from .045 to .0275, so v̂ keeps .045
        Adam opt = Adam.builder().learningRate(0.1).beta2(0.5).amsgrad(true).build();
        double[][] actual = run(opt, P, G1, G2);
        assertSteps(actual, reference(0.1, 0.9, 0.5, 1e-7, 0, true, P, G1, G2));
        assertDiffer(actual, reference(0.1, 0.9, 0.5, 1e-7, 0, false, P, G1, G2));
    }

    @Test
    void betasEpsilonAndDecayAreUsed() {
        Adam opt = Adam.builder().learningRate(0.1).beta1(0.5).beta2(0.8).epsilon(0.01).decay(0.5).build();
        double[][] actual = run(opt, P, G1, G2, G1);
        assertSteps(actual, reference(0.1, 0.5, 0.8, 0.01, 0.5, false, P, G1, G2, G1));
        assertDiffer(actual, reference(0.1, 0.5, 0.8, 0.01, 0, false, P, G1, G2, G1));
    }

    @Test
    void amsgradAddsOneSlotPerParameter() {
        INDArray p = Nd4j.createFromArray(P.clone());
        Adam plain = new Adam();
        Adam ams = Adam.builder().amsgrad(true).build();
        plain.applyGradients(List.of(p), List.of(Nd4j.createFromArray(G1)));
        ams.applyGradients(List.of(p), List.of(Nd4j.createFromArray(G1)));
        assertThat(plain.getWeights()).hasSize(3);
        assertThat(ams.getWeights()).hasSize(4);
    }

    @Test
    void configHasKerasKeys() {
        assertThat(new Adam().getConfig()).containsExactly(
                entry("learning_rate", 0.001), entry("beta_1", 0.9), entry("beta_2", 0.999),
                entry("decay", 0.0), entry("epsilon", 1e-7), entry("amsgrad", false));
        assertThat(new Adam().className()).isEqualTo("Adam");
    }

    @Test
    void rejectsBetasOutsideHalfOpenUnitInterval() {
        assertThatThrownBy(() -> Adam.builder().beta1(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta1=1.0");
        assertThatThrownBy(() -> Adam.builder().beta2(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta2=-0.1");
    }
}
