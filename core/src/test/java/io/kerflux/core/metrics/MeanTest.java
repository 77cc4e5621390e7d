package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MeanTest {

    private static INDArray vec(double... v) {
        return Nd4j.create(v);
    }

    @Test
    void averagesValuesAndWeightsAsInKerasDocstring() {
        Mean plain = new Mean();
        plain.update(vec(1, 3, 5, 7), null);
        // (1+3+5+7)/4
        assertThat(plain.result()).isEqualTo(4.0);
        assertThat(plain.name()).isEqualTo("mean");

        Mean weighted = new Mean();
        weighted.update(vec(1, 3, 5, 7), vec(1, 1, 0, 0));
        // (1+3)/(1+1)
        assertThat(weighted.result()).isEqualTo(2.0);
        assertThat(weighted.total()).isEqualTo(4.0);
        assertThat(weighted.count()).isEqualTo(2.0);
    }

    @Test
    void accumulatesAcrossUpdatesUntilReset() {
        Mean m = new Mean("loss_tracker");
        m.update(vec(1, 2), null);
        m.update(vec(6), vec(2));
        // total 1+2+2·6 = 15, count 1+1+2 = 4
        assertThat(m.total()).isEqualTo(15.0);
        assertThat(m.count()).isEqualTo(4.0);
        assertThat(m.result()).isEqualTo(3.75);
        m.reset();
        assertThat(m.total()).isZero();
        assertThat(m.count()).isZero();
        assertThat(m.result()).isZero();
        m.update(vec(5), null);
        assertThat(m.result()).isEqualTo(5.0);
    }

    @Test
    void resultIsZeroWithoutUpdatesOrWithZeroWeights() {
        Mean m = new Mean();
        assertThat(m.result()).isZero();
        m.update(vec(3, 4), vec(0, 0));
        assertThat(m.result()).isZero();
    }

    @Test
    void perSampleWeightsBroadcastOverTimesteps() {
        Mean m = new Mean();
        INDArray values = Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}});
        m.update(values, vec(2, 0.5));
        // total 2·(1+2+3) + 0.5·(4+5+6) = 19.5; each weight covers 3 timesteps: count 3·2.5 = 7.5
        assertThat(m.total()).isEqualTo(19.5);
        assertThat(m.count()).isEqualTo(7.5);
        assertThat(m.result()).isCloseTo(19.5 / 7.5, within(1e-12));
    }

    @Test
    void acceptsPerTimestepColumnAndScalarWeights() {
        INDArray values = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        Mean perStep = new Mean();
        perStep.update(values, Nd4j.create(new double[][] {{1, 0}, {0, 3}}));
        // (1 + 3·4) / (1 + 3)
        assertThat(perStep.result()).isEqualTo(13.0 / 4);

        Mean column = new Mean();
        column.update(vec(2, 4), Nd4j.create(new double[][] {{1}, {3}}));
        // (2 + 12) / 4
        assertThat(column.result()).isEqualTo(3.5);

        Mean scalar = new Mean();
        scalar.update(values, Nd4j.scalar(2.0));
        // 2·10 / (2·4)
        assertThat(scalar.total()).isEqualTo(20.0);
        assertThat(scalar.count()).isEqualTo(8.0);
    }

    @Test
    void readsViewsAndFloatValues() {
        INDArray matrix = Nd4j.create(new double[][] {{1, 10}, {2, 20}, {3, 30}});
        Mean m = new Mean();
        m.update(matrix.getColumn(1), null);
        assertThat(m.result()).isEqualTo(20.0);
        Mean f = new Mean();
        f.update(vec(0.5, 1.5).castTo(DataType.FLOAT), null);
        assertThat(f.result()).isEqualTo(1.0);
    }

    @Test
    void rejectsWeightsThatCannotBroadcast() {
        Mean m = new Mean();
        assertThatThrownBy(() -> m.update(vec(1, 2, 3), vec(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample_weight")
                .hasMessageContaining("(2,)")
                .hasMessageContaining("(3,)");
        assertThat(m.count()).isZero();
    }
}
