package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MeanMetricWrapperTest {

    /** Mean squared error over the last axis, written out for the test. */
    private static final MetricFunction SQUARED_ERROR = (t, p) -> {
        INDArray d = p.sub(t);
        return d.muli(d).mean(p.rank() - 1);
    };

    // KERAS_SEMANTICS §5: per-sample mse [2, 0, 4] (diffs (2,0), (0,0), (2,2)), w = [1, 3, 0.5]
    private static final INDArray Y_TRUE = Nd4j.create(new double[][] {{0, 0}, {1, 1}, {0, 0}});
    private static final INDArray Y_PRED = Nd4j.create(new double[][] {{2, 0}, {1, 1}, {2, 2}});
    private static final INDArray WEIGHTS = Nd4j.create(new double[] {1, 3, 0.5});

    @Test
    void callGivesPerSampleValues() {
        MeanMetricWrapper m = new MeanMetricWrapper("mse", SQUARED_ERROR);
        assertThat(m.call(Y_TRUE, Y_PRED).toDoubleVector()).containsExactly(2, 0, 4);
        assertThat(m.count()).isZero();
    }

    @Test
    void plainAndWeightedMeansFollowTheSemanticsExample() {
        MeanMetricWrapper plain = new MeanMetricWrapper("mse", SQUARED_ERROR);
        plain.update(Y_TRUE, Y_PRED, null);
        // (2+0+4)/3
        assertThat(plain.total()).isEqualTo(6.0);
        assertThat(plain.count()).isEqualTo(3.0);
        assertThat(plain.result()).isEqualTo(2.0);

        MeanMetricWrapper weighted = new MeanMetricWrapper("mse_1", SQUARED_ERROR);
        weighted.update(Y_TRUE, Y_PRED, WEIGHTS);
        // (1·2 + 3·0 + 0.5·4) / (1+3+0.5) = 4/4.5
        assertThat(weighted.total()).isEqualTo(4.0);
        assertThat(weighted.count()).isEqualTo(4.5);
        assertThat(weighted.result()).isCloseTo(0.8889, within(1e-4));
        assertThat(weighted.name()).isEqualTo("mse_1");
    }

    @Test
    void accumulatesAcrossBatchesUntilReset() {
        MeanMetricWrapper m = new MeanMetricWrapper("mse", SQUARED_ERROR);
        m.update(Y_TRUE, Y_PRED, null);
        // second batch: one sample, diffs (3, 1) -> (9+1)/2 = 5
        m.update(Nd4j.create(new double[][] {{0, 0}}), Nd4j.create(new double[][] {{3, 1}}), null);
        // (6 + 5) / 4
        assertThat(m.result()).isEqualTo(2.75);
        m.reset();
        assertThat(m.result()).isZero();
        m.update(Y_TRUE, Y_PRED, WEIGHTS);
        assertThat(m.result()).isCloseTo(4 / 4.5, within(1e-12));
    }

    @Test
    void temporalValuesTakePerTimestepOrBroadcastPerSampleWeights() {
        // (n=2, T=2, C=1): squared errors per timestep [[1, 4], [9, 0]]
        INDArray t = Nd4j.zeros(2, 2, 1);
        INDArray p = Nd4j.create(new double[] {1, 2, 3, 0}, new long[] {2, 2, 1});
        MeanMetricWrapper perStep = new MeanMetricWrapper("mse", SQUARED_ERROR);
        perStep.update(t, p, Nd4j.create(new double[][] {{1, 0}, {1, 1}}));
        // (1 + 9 + 0) / 3
        assertThat(perStep.result()).isCloseTo(10.0 / 3, within(1e-12));

        MeanMetricWrapper perSample = new MeanMetricWrapper("mse", SQUARED_ERROR);
        perSample.update(t, p, Nd4j.create(new double[] {2, 1}));
        // (2·(1+4) + 1·(9+0)) / (2·2 + 1·2)
        assertThat(perSample.total()).isEqualTo(19.0);
        assertThat(perSample.count()).isEqualTo(6.0);
    }
}
