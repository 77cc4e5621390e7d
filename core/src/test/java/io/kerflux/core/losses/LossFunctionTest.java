package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class LossFunctionTest {

    /** The custom loss of the LossFunction Javadoc: mean(|p − t|³) over the last axis. */
    private static final class MeanCubedError extends LossFunction {
        MeanCubedError(String name, Reduction reduction) {
            super(name, reduction);
        }

        static BasicBuilder<MeanCubedError> builder() {
            return new BasicBuilder<>("mean_cubed_error", MeanCubedError::new);
        }

        @Override
        public INDArray call(INDArray yTrue, INDArray yPred) {
            INDArray d = Transforms.abs(yPred.sub(yTrue), false);
            return Transforms.pow(d, 3, false).mean(yPred.rank() - 1);
        }

        @Override
        public INDArray callGradient(INDArray yTrue, INDArray yPred) {
            INDArray d = yPred.sub(yTrue);
            return d.muli(Transforms.abs(d, true)).muli(3.0 / yPred.size(-1));
        }
    }

    /** A broken custom loss that sums over every axis. */
    private static final class WrongShape extends LossFunction {
        WrongShape() {
            super("wrong_shape", Reduction.SUM_OVER_BATCH_SIZE);
        }

        @Override
        public INDArray call(INDArray yTrue, INDArray yPred) {
            return yPred.sum(0);
        }

        @Override
        public INDArray callGradient(INDArray yTrue, INDArray yPred) {
            return yPred.sum(0);
        }
    }

    private static final double[][] T = {{0, 1}, {2, -1}, {0.5, 0.5}};
    private static final double[][] P = {{1, 0}, {2.5, -0.5}, {-0.5, 1.5}};
    // per sample mean |d|³: (1 + 1)/2 = 1, (0.125 + 0.125)/2 = 0.125, (1 + 1)/2 = 1
    private static final double[] PER_SAMPLE = {1, 0.125, 1};

    private static LossFunction cubed(Reduction r) {
        return MeanCubedError.builder().reduction(r).build();
    }

    @Test
    void customLossIsWeightedAndReducedByTheBase() {
        LossTesting.checkValues(LossFunctionTest::cubed, T, P, (t, p) -> {
            double s = 0;
            for (int c = 0; c < t.length; c++) {
                s += Math.pow(Math.abs(p[c] - t[c]), 3);
            }
            return s / t.length;
        });
        assertClose(cubed(Reduction.SUM_OVER_BATCH_SIZE).call(arr(T), arr(P)).toDoubleVector(), PER_SAMPLE);
    }

    @Test
    void sumOverBatchSizeDividesByValueCountNotWeightSum() {
        INDArray w = Nd4j.create(new double[] {1, 3, 0.5});
        // (1·1 + 3·0.125 + 0.5·1) / 3
        assertClose(cubed(Reduction.SUM_OVER_BATCH_SIZE).compute(arr(T), arr(P), w), (1 + 0.375 + 0.5) / 3);
        assertClose(cubed(Reduction.SUM).compute(arr(T), arr(P), w), 1 + 0.375 + 0.5);
        assertClose(cubed(Reduction.SUM_OVER_BATCH_SIZE).compute(arr(T), arr(P), Nd4j.zeros(3)), 0);
    }

    @Test
    void customGradientIsWeightedAndReducedByTheBase() {
        double[][][] t3 = {{{0, 1}, {2, -1}}, {{1, 1}, {-2, 0}}};
        double[][][] p3 = {{{0.1, 0.7}, {2.4, -1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};
        LossTesting.checkGradients(LossFunctionTest::cubed, T, P, t3, p3);
    }

    @Test
    void noneReductionHasNoScalarButUnreducedValues() {
        LossFunction none = cubed(Reduction.NONE);
        INDArray w = Nd4j.create(new double[] {2, 1, 0});
        assertClose(none.computeUnreduced(arr(T), arr(P), w).toDoubleVector(), new double[] {2, 0.125, 0});
        assertThatThrownBy(() -> none.compute(arr(T), arr(P), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mean_cubed_error").hasMessageContaining("reduction='none'");
        assertThatThrownBy(() -> none.gradient(arr(T), arr(P), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reduction='none'");
    }

    @Test
    void rejectsWeightsThatCannotBroadcast() {
        LossFunction loss = cubed(Reduction.SUM_OVER_BATCH_SIZE);
        assertThatThrownBy(() -> loss.compute(arr(T), arr(P), Nd4j.ones(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample_weight").hasMessageContaining("(3,)").hasMessageContaining("(2,)");
        // per-timestep weights need temporal (3-D) predictions
        assertThatThrownBy(() -> loss.gradient(arr(T), arr(P), Nd4j.ones(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample_weight").hasMessageContaining("(3,)").hasMessageContaining("(3, 2)");
    }

    @Test
    void rejectsCallResultsOfTheWrongShape() {
        assertThatThrownBy(() -> new WrongShape().compute(arr(T), arr(P), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong_shape").hasMessageContaining("(3,)").hasMessageContaining("(2,)");
        assertThatThrownBy(() -> new WrongShape().gradient(arr(T), arr(P), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("(3, 2)");
    }

    @Test
    void rejectsPredictionsWithoutAFeatureAxis() {
        assertThatThrownBy(() -> cubed(Reduction.SUM).compute(Nd4j.ones(3), Nd4j.ones(3), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 dimensions").hasMessageContaining("(3,)");
    }

    @Test
    void builderDefaultsToSumOverBatchSize() {
        LossFunction loss = MeanCubedError.builder().build();
        assertThat(loss.name()).isEqualTo("mean_cubed_error");
        assertThat(loss.reduction()).isEqualTo(Reduction.SUM_OVER_BATCH_SIZE);
        assertThat(MeanCubedError.builder().reduction("sum").name("cubes").build())
                .extracting(LossFunction::name, LossFunction::reduction).containsExactly("cubes", Reduction.SUM);
        assertThatThrownBy(() -> MeanCubedError.builder().reduction("mean"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reduction=mean");
    }
}
