package io.kerflux.core.activations;

import static io.kerflux.core.activations.ActivationChecks.assertGradientMatches;
import static io.kerflux.core.activations.ActivationChecks.assertMatchesFormula;
import static io.kerflux.core.activations.ActivationChecks.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ReluTest {

    @Test
    void parametrisedReluKeepsTheKerasName() {
        assertThat(Activations.relu(0.1, 6.0, 0.5).name()).isEqualTo("relu");
    }

    @Test
    void alphaIsTheSlopeBelowZero() {
        assertMatchesFormula(Activations.relu(0.1, null, 0), new double[] {-2, -0.5, 0.5, 3},
                x -> x > 0 ? x : 0.1 * x);
    }

    @Test
    void maxValueSaturates() {
        assertMatchesFormula(Activations.relu(0, 6.0, 0), new double[] {-1, 2, 5.9, 6.1, 9},
                x -> Math.min(Math.max(x, 0), 6));
    }

    @Test
    void thresholdMovesTheKinkAndAlphaMeasuresFromIt() {
        // f(x) = x above the threshold, alpha·(x − threshold) below it.
        assertMatchesFormula(Activations.relu(0, null, 1), new double[] {0.5, 0.99, 1.01, 2}, x -> x > 1 ? x : 0);
        assertMatchesFormula(Activations.relu(0.5, null, 1), new double[] {-1, 0.5, 2}, x -> x > 1 ? x : 0.5 * (x - 1));
    }

    @Test
    void allThreeOptionsTogether() {
        // alpha .2, max 4, threshold 1: −1 → .2·(−2); .5 → .2·(−.5); 1.5 → 1.5; 5 → 4.
        assertMatchesFormula(Activations.relu(0.2, 4.0, 1), new double[] {-1, 0.5, 1.5, 5},
                x -> x > 1 ? Math.min(x, 4) : 0.2 * (x - 1));
    }

    @Test
    void negativeThresholdWithMaxValueClipsTheGapToZeroAsKerasDoes() {
        // Keras 2.3 clips to [0, max_value] after thresholding, so (threshold, 0) maps to 0 with a
        // maximum and to x without one.
        assertMatchesFormula(Activations.relu(0, 3.0, -1), new double[] {-0.5, 2}, x -> Math.max(x, 0));
        assertMatchesFormula(Activations.relu(0, null, -1), new double[] {-1.5, -0.5, 2}, x -> x > -1 ? x : 0);
    }

    @Test
    void plainBackwardIntoABufferPassesTheGradientWhereTheInputIsPositive() {
        // 5,000 elements span several of the Java loop's blocks; the view and the column-major
        // arrays take the native path
        Random random = new Random(3);
        double[] x = random.doubles(5000, -1, 1).toArray();
        double[] g = random.doubles(5000, -1, 1).toArray();
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            -Double.MIN_VALUE, Float.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        System.arraycopy(special, 0, x, 17, special.length);
        Activation relu = Activations.get("relu");
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            // the values as the type holds them (Double.MIN_VALUE is 0 in float32)
            double[] xt = Nd4j.create(x, new long[] {5000}, dtype).toDoubleVector();
            double[] gt = Nd4j.create(g, new long[] {5000}, dtype).toDoubleVector();
            double[] expected = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = xt[i] > 0 ? gt[i] : 0;
            }
            for (char order : new char[] {'c', 'f'}) {
                INDArray xs = Nd4j.create(x, new long[] {50, 100}, dtype).dup(order);
                INDArray gs = Nd4j.create(g, new long[] {50, 100}, dtype).dup(order);
                INDArray out = Nd4j.createUninitialized(dtype, new long[] {50, 100}, order);
                assertThat(relu.backward(xs, relu.apply(xs), gs, out)).isSameAs(out);
                assertThat(out.dup('c').reshape(5000).toDoubleVector()).as("%s %s", dtype, order)
                        .containsExactly(expected);
                assertThat(relu.backward(xs, relu.apply(xs), gs).dup('c').reshape(5000).toDoubleVector())
                        .containsExactly(out.dup('c').reshape(5000).toDoubleVector());
            }
            INDArray wide = Nd4j.create(x, new long[] {50, 100}, dtype);
            INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 50));
            INDArray gView = Nd4j.create(g, new long[] {50, 100}, dtype).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 50));
            INDArray out = relu.backward(view, relu.apply(view), gView, Nd4j.createUninitialized(dtype, 50, 50));
            for (int r = 0; r < 50; r++) {
                for (int c = 0; c < 50; c++) {
                    assertThat(out.getDouble(r, c)).isEqualTo(view.getDouble(r, c) > 0 ? gView.getDouble(r, c) : 0.0);
                }
            }
        }
    }

    @Test
    void backwardMatchesFiniteDifferencesForEveryOption() {
        double[] points = {-2.3, -1.4, -0.6, 0.4, 1.6, 2.7, 4.5, 7.2};
        assertGradientMatches(Activations.relu(0, null, 0), doubles(points, 2, 4));
        assertGradientMatches(Activations.relu(0.3, null, 0), doubles(points, 2, 4));
        assertGradientMatches(Activations.relu(0, 6.0, 0), doubles(points, 2, 4));
        assertGradientMatches(Activations.relu(0.2, 4.0, 1.0), doubles(points, 4, 2));
        assertGradientMatches(Activations.relu(0.1, 3.0, -1.0), doubles(points, 8));
        assertGradientMatches(Activations.relu(0.1, null, -1.0), doubles(points, 2, 2, 2));
    }

    @Test
    void rejectsNegativeOrNonFiniteArguments() {
        assertThatThrownBy(() -> Activations.relu(0, -1.0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_value=-1.0");
        assertThatThrownBy(() -> Activations.relu(Double.NaN, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha=NaN");
        assertThatThrownBy(() -> Activations.relu(0, null, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold=Infinity");
    }
}
