package io.kerflux.core.optimizers;

import static io.kerflux.core.optimizers.Steps.G1;
import static io.kerflux.core.optimizers.Steps.G2;
import static io.kerflux.core.optimizers.Steps.P;
import static io.kerflux.core.optimizers.Steps.TOLERANCE;
import static io.kerflux.core.optimizers.Steps.assertDiffer;
import static io.kerflux.core.optimizers.Steps.assertSteps;
import static io.kerflux.core.optimizers.Steps.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NadamTest {

    /** μ_t of Keras' warming momentum schedule. */
    private static double mu(double beta1, double scheduleDecay, int t) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, t * scheduleDecay));
    }

    /**
     * Keras 2.3 Nadam, element by element: S_t = Π μ; ĝ = g/(1−S_t); m = β1m + (1−β1)g;
     * m̂ = m/(1−S_t·μ_{t+1}); v = β2v + (1−β2)g²; v̂ = v/(1−β2ᵗ);
     * p −= lr·((1−μ_t)ĝ + μ_{t+1}m̂)/(√v̂ + ε).
     */
    static double[][] reference(double lr, double beta1, double beta2, double eps, double scheduleDecay,
            double[] p0, double[]... grads) {
        double[] p = p0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double schedule = 1;
        double[][] out = new double[grads.length][];
        for (int it = 0; it < grads.length; it++) {
            int t = it + 1;
            double muT = mu(beta1, scheduleDecay, t);
            double muNext = mu(beta1, scheduleDecay, t + 1);
            schedule *= muT;
            for (int j = 0; j < p.length; j++) {
                double g = grads[it][j];
                double gHat = g / (1 - schedule);
                m[j] = beta1 * m[j] + (1 - beta1) * g;
                double mHat = m[j] / (1 - schedule * muNext);
                v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                double vHat = v[j] / (1 - Math.pow(beta2, t));
                p[j] -= lr * ((1 - muT) * gHat + muNext * mHat) / (Math.sqrt(vHat) + eps);
            }
            out[it] = p.clone();
        }
        return out;
    }

    @Test
    void defaultsFollowTheKerasFormula() {
        assertSteps(run(new Nadam(), P, G1, G2), reference(0.002, 0.9, 0.999, 1e-7, 0.004, P, G1, G2));
    }

    @Test
    void betasEpsilonAndScheduleDecayAreUsed() {
        Nadam opt = Nadam.builder().learningRate(0.1).beta1(0.8).beta2(0.7).epsilon(0.01).scheduleDecay(0.5).build();
        double[][] actual = run(opt, P, G1, G2, G1);
        assertSteps(actual, reference(0.1, 0.8, 0.7, 0.01, 0.5, P, G1, G2, G1));
        assertDiffer(actual, reference(0.1, 0.8, 0.7, 0.01, 0.004, P, G1, G2, G1));
    }

    @Test
    void weightsHoldTheMomentumScheduleAfterIterations() {
        Nadam opt = new Nadam();
        INDArray p = Nd4j.createFromArray(P.clone());
        opt.applyGradients(List.of(p), List.of(Nd4j.createFromArray(G1)));
        opt.applyGradients(List.of(p), List.of(Nd4j.createFromArray(G2)));
        List<INDArray> w = opt.getWeights();
        assertThat(w).hasSize(4);
        assertThat(w.get(0).getLong(0)).isEqualTo(2);
        assertThat(w.get(1).getDouble(0)).isCloseTo(mu(0.9, 0.004, 1) * mu(0.9, 0.004, 2), within(1e-15));
    }

    @Test
    void restoredScheduleContinuesTheRun() {
        Nadam original = Nadam.builder().learningRate(0.1).build();
        INDArray p = Nd4j.createFromArray(P.clone());
        original.applyGradients(List.of(p), List.of(Nd4j.createFromArray(G1)));
        Nadam restored = Nadam.builder().learningRate(0.1).build();
        restored.setWeights(original.getWeights());
        original.applyGradients(List.of(p), List.of(Nd4j.createFromArray(G2)));
        INDArray q = Nd4j.createFromArray(reference(0.1, 0.9, 0.999, 1e-7, 0.004, P, G1)[0]);
        restored.applyGradients(List.of(q), List.of(Nd4j.createFromArray(G2)));
        double[] expected = reference(0.1, 0.9, 0.999, 1e-7, 0.004, P, G1, G2)[1];
        assertThat(p.toDoubleVector()).containsExactly(expected, within(TOLERANCE));
        assertThat(q.toDoubleVector()).containsExactly(expected, within(TOLERANCE));
    }

    @Test
    void configHasKerasKeysWithoutDecay() {
        assertThat(new Nadam().getConfig()).containsExactly(
                entry("learning_rate", 0.002), entry("beta_1", 0.9), entry("beta_2", 0.999),
                entry("epsilon", 1e-7), entry("schedule_decay", 0.004));
        assertThat(new Nadam().className()).isEqualTo("Nadam");
    }

    @Test
    void rejectsNegativeScheduleDecay() {
        assertThatThrownBy(() -> Nadam.builder().scheduleDecay(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheduleDecay=-1.0");
    }
}
