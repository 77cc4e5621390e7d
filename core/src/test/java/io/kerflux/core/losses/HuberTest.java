package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HuberTest {
    // |p − t| is on both sides of delta (1 and 0.5) but never equal to it
    private static final double[][] T = {{0, 1, 2}, {1, -1, 0.5}};
    private static final double[][] P = {{0.3, 0.8, 4.5}, {-0.4, -0.2, 0.1}};
    private static final double[][][] T3 = {{{0, 1}, {2, -1}}, {{1, 1}, {-2, 0}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {3.4, -1.2}}, {{1.6, 0.2}, {-1.1, 0.6}}};

    private static LossTesting.Reference huber(double delta) {
        return (t, p) -> {
            double s = 0;
            for (int c = 0; c < t.length; c++) {
                double e = Math.abs(p[c] - t[c]);
                s += e <= delta ? 0.5 * e * e : 0.5 * delta * delta + delta * (e - delta);
            }
            return s / t.length;
        };
    }

    @Test
    void valuesAreMeanHuberWithEveryReduction() {
        LossTesting.checkValues(r -> Huber.builder().reduction(r).build(), T, P, huber(1.0));
        LossTesting.checkValues(r -> Huber.builder().delta(0.5).reduction(r).build(), T, P, huber(0.5));
    }

    @Test
    void perElementMeanGivesTheSameBatchLossAsKeras23() {
        // Keras 2.3.1 keeps one value per element and divides by n·C; the tf.keras mean over C
        // divided by n is the same number: (0.045 + 0.02 + 2) + (0.9 + 0.32 + 0.08) over 6
        assertClose(new Huber().compute(arr(T), arr(P), null), (0.045 + 0.02 + 2.0 + 0.9 + 0.32 + 0.08) / 6);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new Huber(), T3, P3, huber(1.0));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(r -> Huber.builder().reduction(r).build(), T, P, T3, P3);
        LossTesting.checkGradients(r -> Huber.builder().delta(0.5).reduction(r).build(), T, P, T3, P3);
    }

    @Test
    void defaultsToKerasNameAndDelta() {
        assertThat(new Huber().name()).isEqualTo("huber_loss");
        assertThat(new Huber().delta()).isEqualTo(1.0);
        assertThat(new Huber(2.5).delta()).isEqualTo(2.5);
    }

    @Test
    void rejectsNonPositiveDelta() {
        assertThatThrownBy(() -> new Huber(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta=0.0");
        assertThatThrownBy(() -> Huber.builder().delta(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta=NaN");
    }
}
