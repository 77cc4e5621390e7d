package io.kerflux.core.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossMathTest {

    @Test
    void writesShapesThePythonWay() {
        assertThat(LossMath.shape(new long[] {})).isEqualTo("()");
        assertThat(LossMath.shape(new long[] {3})).isEqualTo("(3,)");
        assertThat(LossMath.shape(new long[] {3, 2})).isEqualTo("(3, 2)");
    }

    @Test
    void expandsSampleWeightsToThePerSampleShape() {
        long[] perSample = {2, 3};
        long[] pred = {2, 3, 4};
        INDArray perSampleWeights = Nd4j.create(new double[] {1, 2});
        assertThat(LossMath.expandWeights(perSampleWeights, perSample, pred, DataType.DOUBLE).toDoubleMatrix())
                .isEqualTo(new double[][] {{1, 1, 1}, {2, 2, 2}});
        assertThat(LossMath.expandWeights(Nd4j.scalar(0.5), perSample, pred, DataType.DOUBLE).toDoubleMatrix())
                .isEqualTo(new double[][] {{0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}});
        INDArray perStep = Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(LossMath.expandWeights(perStep.reshape(2, 3, 1), perSample, pred, DataType.FLOAT).toDoubleMatrix())
                .isEqualTo(perStep.toDoubleMatrix());
        assertThat(LossMath.expandWeights(null, perSample, pred, DataType.DOUBLE)).isNull();
    }

    @Test
    void squeezesColumnWeights() {
        INDArray column = Nd4j.create(new double[][] {{1}, {2}, {3}});
        assertThat(LossMath.expandWeights(column, new long[] {3}, new long[] {3, 4}, DataType.DOUBLE).toDoubleVector())
                .containsExactly(1, 2, 3);
    }

    @Test
    void rejectsWeightsThatDoNotBroadcast() {
        assertThatThrownBy(() -> LossMath.expandWeights(Nd4j.ones(3, 4), new long[] {3}, new long[] {3, 4},
                        DataType.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample_weight with shape (3, 4)")
                .hasMessageContaining("broadcastable to (3,)")
                .hasMessageContaining("y_pred (3, 4)");
        assertThatThrownBy(() -> LossMath.expandWeights(Nd4j.ones(2), new long[] {3, 5}, new long[] {3, 5, 2},
                        DataType.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2,)");
    }

    @Test
    void logSoftmaxIsStableForLargeLogits() {
        double[] row = LossMath.logSoftmax(Nd4j.create(new double[][] {{1000, 1000}})).toDoubleVector();
        assertThat(row).containsExactly(-Math.log(2), -Math.log(2));
    }

    @Test
    void insideMaskIncludesTheBounds() {
        double[] mask = LossMath.inside(Nd4j.create(new double[] {-1, 0, 0.5, 1, 2}), 0, 1).toDoubleVector();
        assertThat(mask).containsExactly(0, 1, 1, 1, 0);
    }
}
