package io.kerflux.core.constraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MinMaxNormTest {
    private static final double EPS = 1e-7;

    @Test
    void clipsColumnNormsIntoTheBounds() {
        // Column norms 5, 1 and 0.5 against [0.8, 2]: → 2, 1, 0.8.
        INDArray w = Nd4j.create(new double[][] {{3, 0.6, 0.3}, {4, 0.8, 0.4}});
        MinMaxNorm.builder().minValue(0.8).maxValue(2).build().apply(w);
        double[] factor = {2 / (EPS + 5), 1 / (EPS + 1), 0.8 / (EPS + 0.5)};
        assertThat(w.getRow(0).toDoubleVector()).containsExactly(
                new double[] {3 * factor[0], 0.6 * factor[1], 0.3 * factor[2]}, within(1e-15));
        assertThat(w.getRow(1).toDoubleVector()).containsExactly(
                new double[] {4 * factor[0], 0.8 * factor[1], 0.4 * factor[2]}, within(1e-15));
    }

    @Test
    void rateMovesOnlyPartOfTheWay() {
        // Norm 5, bounds [0, 1], rate 0.25: desired = 0.25·1 + 0.75·5 = 4.
        INDArray w = Nd4j.create(new double[][] {{3}, {4}});
        MinMaxNorm.builder().rate(0.25).build().apply(w);
        assertThat(w.getColumn(0).toDoubleVector()).containsExactly(new double[] {3 * 4 / (EPS + 5), 4 * 4 / (EPS + 5)},
                within(1e-15));
    }

    @Test
    void configHoldsKerasDefaults() {
        assertThat(new MinMaxNorm().className()).isEqualTo("MinMaxNorm");
        assertThat(new MinMaxNorm().getConfig()).containsExactly(
                entry("min_value", 0.0), entry("max_value", 1.0), entry("rate", 1.0), entry("axis", 0));
    }

    @Test
    void rejectsInconsistentBoundsAndRates() {
        assertThatThrownBy(() -> MinMaxNorm.builder().minValue(2).maxValue(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min_value=2.0, max_value=1.0");
        assertThatThrownBy(() -> MinMaxNorm.builder().rate(1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate=1.5");
    }
}
