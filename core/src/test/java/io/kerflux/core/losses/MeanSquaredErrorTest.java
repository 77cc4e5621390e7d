package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MeanSquaredErrorTest {
    private static final double[][] T = {{0, 1, 2}, {1, -1, 0.5}, {0.2, 0.3, -0.4}};
    private static final double[][] P = {{0.3, 0.8, 2.5}, {0.4, -0.2, 0.1}, {-0.1, 0.9, -0.4}};
    private static final double[][][] T3 = {{{0, 1}, {2, -1}, {0.5, 0.5}}, {{1, 1}, {-2, 0}, {0.3, -0.3}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {2.4, -1.2}, {0.9, 0.1}}, {{1.5, 0.2}, {-1.1, 0.6}, {0, 0}}};

    private static final LossTesting.Reference MSE = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            s += (p[c] - t[c]) * (p[c] - t[c]);
        }
        return s / t.length;
    };

    private static LossFunction withReduction(Reduction r) {
        return MeanSquaredError.builder().reduction(r).build();
    }

    @Test
    void valuesAreMeanSquaredErrorsWithEveryReduction() {
        LossTesting.checkValues(MeanSquaredErrorTest::withReduction, T, P, MSE);
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new MeanSquaredError(), T3, P3, MSE);
    }

    @Test
    void weightedBatchLossDividesBySampleCountNotWeightSum() {
        // KERAS_SEMANTICS §5: per-sample mse [2, 0, 4], w = [1, 3, .5] → (2 + 0 + 2) / 3
        INDArray t = arr(new double[] {0, 0}, new double[] {1, 1}, new double[] {0, 0});
        INDArray p = arr(new double[] {2, 0}, new double[] {1, 1}, new double[] {2, -2});
        assertThat(new MeanSquaredError().call(t, p).toDoubleVector()).containsExactly(2, 0, 4);
        assertClose(new MeanSquaredError().compute(t, p, Nd4j.create(new double[] {1, 3, 0.5})), 4.0 / 3);
        assertClose(new MeanSquaredError().compute(t, p, Nd4j.zeros(3)), 0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(MeanSquaredErrorTest::withReduction, T, P, T3, P3);
    }

    @Test
    void builderSetsNameAndReduction() {
        MeanSquaredError loss = MeanSquaredError.builder().reduction("sum").name("my_mse").build();
        assertThat(loss.name()).isEqualTo("my_mse");
        assertThat(loss.reduction()).isEqualTo(Reduction.SUM);
        assertThat(new MeanSquaredError().name()).isEqualTo("mean_squared_error");
        assertThat(new MeanSquaredError().reduction()).isEqualTo(Reduction.SUM_OVER_BATCH_SIZE);
    }

    @Test
    void castsTargetsToThePredictionDtype() {
        INDArray t = arr(new double[] {0, 1}).castTo(DataType.INT32);
        INDArray p = arr(new double[] {0.5, 0.5}).castTo(DataType.FLOAT);
        // (0.25 + 0.25) / 2
        assertThat(new MeanSquaredError().compute(t, p, null)).isCloseTo(0.25, within(1e-7));
        assertThat(new MeanSquaredError().gradient(t, p, null).dataType()).isEqualTo(DataType.FLOAT);
    }
}
