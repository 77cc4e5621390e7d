package io.kerflux.core.optimizers;

import static io.kerflux.core.optimizers.Steps.G1;
import static io.kerflux.core.optimizers.Steps.G2;
import static io.kerflux.core.optimizers.Steps.P;
import static io.kerflux.core.optimizers.Steps.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The shared machinery (clipping, decay, iterations, state, errors), exercised through SGD and Adam. */
class BaseOptimizerTest {
    /** A second parameter of shape (2, 1) with its gradient, for the global-norm cases. */
    private static final double[] Q = {0.5, -0.5};
    private static final double[] H = {0.4, -0.2};

    private static INDArray vec(double... v) {
        return Nd4j.createFromArray(v.clone());
    }

    private static INDArray column(double... v) {
        return vec(v).reshape(v.length, 1);
    }

    /** One SGD step with lr 1 on (P, Q) with gradients (G1, H): the parameters move by minus the clipped gradients. */
    private static double[][] clippedStep(SGD sgd) {
        INDArray p = vec(P);
        INDArray q = column(Q);
        sgd.applyGradients(List.of(p, q), List.of(vec(G1), column(H)));
        return new double[][] {p.toDoubleVector(), q.reshape(2).toDoubleVector()};
    }

    private static void assertMovedBy(double[][] actual, double[] dp, double[] dq) {
        for (int j = 0; j < 3; j++) {
            assertThat(actual[0][j]).isCloseTo(P[j] - dp[j], within(TOLERANCE));
        }
        for (int j = 0; j < 2; j++) {
            assertThat(actual[1][j]).isCloseTo(Q[j] - dq[j], within(TOLERANCE));
        }
    }

    private static double globalNorm() {
        double sum = 0;
        for (double g : G1) {
            sum += g * g;
        }
        for (double g : H) {
            sum += g * g;
        }
        return Math.sqrt(sum); // √.34 ≈ .5831; each gradient alone has a norm below .5
    }

    private static double[] times(double[] g, double factor) {
        return Arrays.stream(g).map(x -> x * factor).toArray();
    }

    private static double[] clipEach(double[] g, double c) {
        return Arrays.stream(g).map(x -> Math.max(-c, Math.min(c, x))).toArray();
    }

    @Test
    void clipnormScalesAllGradientsByTheGlobalNorm() {
        double factor = 0.5 / globalNorm();
        assertMovedBy(clippedStep(SGD.builder().learningRate(1).clipnorm(0.5).build()), times(G1, factor), times(H, factor));
    }

    @Test
    void clipnormLeavesGradientsBelowTheThreshold() {
        assertMovedBy(clippedStep(SGD.builder().learningRate(1).clipnorm(1).build()), G1, H);
    }

    @Test
    void clipvalueClipsEachElement() {
        // by hand: [.1, .2, -.25] and [.25, -.2]
        assertMovedBy(clippedStep(SGD.builder().learningRate(1).clipvalue(0.25).build()),
                new double[] {0.1, 0.2, -0.25}, new double[] {0.25, -0.2});
    }

    @Test
    void clipnormComesBeforeClipvalue() {
        double factor = 0.5 / globalNorm();
        SGD sgd = SGD.builder().learningRate(1).clipnorm(0.5).clipvalue(0.15).build();
        assertMovedBy(clippedStep(sgd), clipEach(times(G1, factor), 0.15), clipEach(times(H, factor), 0.15));
    }

    @Test
    void zeroClipValuesDisableClipping() {
        SGD sgd = SGD.builder().learningRate(1).clipnorm(0).clipvalue(0).build();
        assertMovedBy(clippedStep(sgd), G1, H);
        assertThat(sgd.getConfig()).containsEntry("clipnorm", 0.0).containsEntry("clipvalue", 0.0);
    }

    @Test
    void clippingNeverModifiesTheGradients() {
        SGD sgd = SGD.builder().momentum(0.9).clipnorm(0.1).clipvalue(0.01).build();
        INDArray g = vec(G1);
        INDArray h = column(H);
        sgd.applyGradients(List.of(vec(P), column(Q)), List.of(g, h));
        assertThat(g.toDoubleVector()).containsExactly(G1);
        assertThat(h.reshape(2).toDoubleVector()).containsExactly(H);
    }

    @Test
    void decayUsesTheIterationCountBeforeTheStep() {
        SGD sgd = SGD.builder().learningRate(1).decay(1).build();
        INDArray p = vec(0);
        double[] seen = new double[3];
        for (int i = 0; i < 3; i++) {
            sgd.applyGradients(List.of(p), List.of(vec(1)));
            seen[i] = p.getDouble(0);
        }
        // by hand: lr 1/(1+0), 1/(1+1), 1/(1+2) → 0 − 1 − .5 − .3333
        assertThat(seen).containsExactly(new double[] {-1, -1.5, -1.5 - 1.0 / 3}, within(TOLERANCE));
    }

    @Test
    void learningRateChangeAppliesToTheNextStep() {
        SGD sgd = SGD.builder().learningRate(0.1).build();
        INDArray p = vec(P);
        sgd.applyGradients(List.of(p), List.of(vec(G1)));
        sgd.learningRate(0.3);
        sgd.applyGradients(List.of(p), List.of(vec(G2)));
        assertThat(sgd.learningRate()).isEqualTo(0.3);
        for (int j = 0; j < 3; j++) {
            assertThat(p.getDouble(j)).isCloseTo(P[j] - 0.1 * G1[j] - 0.3 * G2[j], within(TOLERANCE));
        }
    }

    @Test
    void iterationsCountSuccessfulCalls() {
        SGD sgd = new SGD();
        INDArray p = vec(P);
        assertThat(sgd.iterations()).isZero();
        sgd.applyGradients(List.of(p), List.of(vec(G1)));
        sgd.applyGradients(List.of(p), List.of(vec(G2)));
        assertThat(sgd.iterations()).isEqualTo(2);
        assertThatThrownBy(() -> sgd.applyGradients(List.of(p), List.of(vec(1, 2))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sgd.iterations()).isEqualTo(2);
    }

    @Test
    void eachParameterKeepsItsOwnStateWhateverItsShapeAndOrder() {
        double[][] matrix = {{0.5, -1, 2}, {1.5, 0, -0.5}};
        double[][] g1 = {{0.2, -0.1, 0.3}, {-0.4, 0.05, 0.1}};
        double[][] g2 = {{-0.3, 0.2, 0.1}, {0.2, -0.6, 0.3}};
        INDArray p = vec(P);
        INDArray w = Nd4j.create(DataType.DOUBLE, new long[] {2, 3}, 'f').assign(Nd4j.create(matrix));
        INDArray b = vec(0.25);
        Adam adam = Adam.builder().learningRate(0.1).build();
        adam.applyGradients(List.of(p, w, b), List.of(vec(G1), Nd4j.create(g1), vec(-1)));
        adam.applyGradients(List.of(p, w, b), List.of(vec(G2), Nd4j.create(g2), vec(0.5)));
        // Adam acts element by element, so each parameter must match a run on its own
        double[] expectedP = AdamTest.reference(0.1, 0.9, 0.999, 1e-7, 0, false, P, G1, G2)[1];
        double[] expectedW = AdamTest.reference(0.1, 0.9, 0.999, 1e-7, 0, false,
                rowMajor(matrix), rowMajor(g1), rowMajor(g2))[1];
        double[] expectedB = AdamTest.reference(0.1, 0.9, 0.999, 1e-7, 0, false,
                new double[] {0.25}, new double[] {-1}, new double[] {0.5})[1];
        assertThat(p.toDoubleVector()).containsExactly(expectedP, within(TOLERANCE));
        assertThat(rowMajor(w.toDoubleMatrix())).containsExactly(expectedW, within(TOLERANCE));
        assertThat(b.getDouble(0)).isCloseTo(expectedB[0], within(TOLERANCE));
    }

    private static double[] rowMajor(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }

    @Test
    void floatParametersGetFloatState() {
        INDArray p = vec(P).castTo(DataType.FLOAT);
        Adam adam = Adam.builder().learningRate(0.1).build();
        adam.applyGradients(List.of(p), List.of(vec(G1).castTo(DataType.FLOAT)));
        adam.applyGradients(List.of(p), List.of(vec(G2).castTo(DataType.FLOAT)));
        double[] expected = AdamTest.reference(0.1, 0.9, 0.999, 1e-7, 0, false, P, G1, G2)[1];
        assertThat(p.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(p.toDoubleVector()).containsExactly(expected, within(1e-5));
        assertThat(adam.getWeights().subList(1, 3)).allSatisfy(w -> assertThat(w.dataType()).isEqualTo(DataType.FLOAT));
    }

    @Test
    void weightsAreIterationsThenEachKindOfSlot() {
        Adam adam = new Adam();
        assertThat(adam.getWeights()).hasSize(1);
        INDArray p = vec(P);
        INDArray q = column(Q);
        adam.applyGradients(List.of(p, q), List.of(vec(G1), column(H)));
        adam.applyGradients(List.of(p, q), List.of(vec(G2), column(H)));
        List<INDArray> w = adam.getWeights();
        assertThat(w).hasSize(5);
        assertThat(w.get(0).dataType().isIntType()).isTrue();
        assertThat(w.get(0).dataType().width()).isEqualTo(8);
        assertThat(w.get(0).getLong(0)).isEqualTo(2);
        assertThat(w.get(2).shape()).containsExactly(2, 1);
        for (int j = 0; j < 3; j++) {
            // by hand with β1 = .9, β2 = .999: m = .9·.1·g1 + .1·g2; v = .999·.001·g1² + .001·g2²
            assertThat(w.get(1).getDouble(j)).isCloseTo(0.9 * 0.1 * G1[j] + 0.1 * G2[j], within(TOLERANCE));
            assertThat(w.get(3).getDouble(j)).isCloseTo(0.999 * 0.001 * G1[j] * G1[j] + 0.001 * G2[j] * G2[j], within(TOLERANCE));
        }
        assertThat(w.get(2).getDouble(0)).isCloseTo(0.9 * 0.1 * H[0] + 0.1 * H[0], within(TOLERANCE));
        assertThat(w.get(4).getDouble(1)).isCloseTo(0.999 * 0.001 * H[1] * H[1] + 0.001 * H[1] * H[1], within(TOLERANCE));
        w.get(1).assign(100);
        assertThat(adam.getWeights().get(1).getDouble(0)).isNotEqualTo(100.0);
    }

    @Test
    void setWeightsBeforeTheFirstStepResumesTheRun() {
        Adam original = Adam.builder().learningRate(0.1).build();
        INDArray p = vec(P);
        original.applyGradients(List.of(p), List.of(vec(G1)));
        Adam restored = Adam.builder().learningRate(0.1).build();
        restored.setWeights(original.getWeights());
        assertThat(restored.iterations()).isEqualTo(1);
        INDArray q = p.dup();
        original.applyGradients(List.of(p), List.of(vec(G2)));
        restored.applyGradients(List.of(q), List.of(vec(G2)));
        double[] expected = AdamTest.reference(0.1, 0.9, 0.999, 1e-7, 0, false, P, G1, G2)[1];
        assertThat(q.toDoubleVector()).containsExactly(expected, within(TOLERANCE));
        assertThat(p.toDoubleVector()).containsExactly(expected, within(TOLERANCE));
    }

    @Test
    void setWeightsOverwritesExistingState() {
        SGD original = SGD.builder().learningRate(0.1).momentum(0.9).build();
        SGD other = SGD.builder().learningRate(0.1).momentum(0.9).build();
        INDArray p = vec(P);
        original.applyGradients(List.of(p), List.of(vec(G1)));
        INDArray q = vec(P);
        other.applyGradients(List.of(q), List.of(vec(G2)));
        other.setWeights(original.getWeights());
        q.assign(p);
        original.applyGradients(List.of(p), List.of(vec(G2)));
        other.applyGradients(List.of(q), List.of(vec(G2)));
        assertThat(q.toDoubleVector()).containsExactly(p.toDoubleVector(), within(TOLERANCE));
        assertThat(other.iterations()).isEqualTo(2);
    }

    @Test
    void savedDoubleStateIsCastToTheParameterDtype() {
        Adam original = new Adam();
        original.applyGradients(List.of(vec(P)), List.of(vec(G1)));
        Adam restored = new Adam();
        restored.setWeights(original.getWeights());
        restored.applyGradients(List.of(vec(P).castTo(DataType.FLOAT)), List.of(vec(G2).castTo(DataType.FLOAT)));
        assertThat(restored.getWeights().get(1).dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void setWeightsRejectsAMismatchAndKeepsTheState() {
        Adam adam = new Adam();
        adam.applyGradients(List.of(vec(P)), List.of(vec(G1)));
        List<INDArray> saved = adam.getWeights();
        assertThatThrownBy(() -> adam.setWeights(saved.subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Length of the specified weight list (2) does not match the number of weights of the optimizer (3)");
        assertThatThrownBy(() -> adam.setWeights(List.of(vec(5), vec(1, 2), vec(1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not compatible with provided weight shape [2]");
        assertThatThrownBy(() -> adam.setWeights(List.of(vec(-1), saved.get(1), saved.get(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations=-1.0");
        assertThatThrownBy(() -> new Adam().setWeights(List.of(vec(0), vec(1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Length of the specified weight list (2)");
        assertThat(adam.iterations()).isEqualTo(1);
        assertThat(adam.getWeights().get(1).toDoubleVector()).containsExactly(saved.get(1).toDoubleVector());
    }

    @Test
    void restoredStateMustFitTheParameters() {
        Adam adam = new Adam();
        adam.setWeights(List.of(vec(3), vec(0, 0), vec(0, 0)));
        assertThatThrownBy(() -> adam.applyGradients(List.of(vec(P)), List.of(vec(G1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("params[0] has shape [3]");
    }

    @Test
    void nullGradientFailsLikeKerasNamingTheIndex() {
        List<INDArray> grads = new ArrayList<>();
        grads.add(vec(G1));
        grads.add(null);
        assertThatThrownBy(() -> new SGD().applyGradients(List.of(vec(P), column(Q)), grads))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("An operation has `None` for gradient")
                .hasMessageContaining("grads[1]");
    }

    @Test
    void gradientsMustMatchTheParameters() {
        SGD sgd = new SGD();
        assertThatThrownBy(() -> sgd.applyGradients(List.of(vec(P), column(Q)), List.of(vec(G1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: 2 params and 1 grads");
        assertThatThrownBy(() -> sgd.applyGradients(List.of(vec(P)), List.of(column(G1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grads[0]")
                .hasMessageContaining("[3, 1]");
        assertThatThrownBy(() -> sgd.applyGradients(List.of(vec(P)), List.of(vec(G1).castTo(DataType.FLOAT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FLOAT");
    }

    @Test
    void laterCallsMustPassTheSameParameters() {
        SGD sgd = SGD.builder().momentum(0.5).build();
        INDArray p = vec(P);
        sgd.applyGradients(List.of(p), List.of(vec(G1)));
        double[] before = p.toDoubleVector();
        assertThatThrownBy(() -> sgd.applyGradients(List.of(p, column(Q)), List.of(vec(G1), column(H))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state for 1 parameters but received 2");
        assertThatThrownBy(() -> sgd.applyGradients(List.of(column(Q)), List.of(column(H))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("params[0] has shape [2, 1]");
        assertThat(p.toDoubleVector()).containsExactly(before);
        assertThat(sgd.iterations()).isEqualTo(1);
    }

    @Test
    void rejectsInvalidSharedArguments() {
        assertThatThrownBy(() -> Adam.builder().learningRate(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: learningRate=-0.1");
        assertThatThrownBy(() -> SGD.builder().learningRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learningRate=NaN");
        assertThatThrownBy(() -> RMSprop.builder().decay(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decay=-1.0");
        assertThatThrownBy(() -> Nadam.builder().epsilon(-1e-7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon=-1.0E-7");
        assertThatThrownBy(() -> Adagrad.builder().clipnorm(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clipnorm=-1.0");
        assertThatThrownBy(() -> Adadelta.builder().clipvalue(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clipvalue=Infinity");
        assertThatThrownBy(() -> new Adamax().learningRate(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learningRate=-1.0");
    }

    @Test
    void configShowsClippingOnlyWhenSet() {
        assertThat(new SGD().getConfig()).doesNotContainKeys("clipnorm", "clipvalue");
        assertThat(SGD.builder().clipnorm(1).build().getConfig())
                .containsEntry("clipnorm", 1.0)
                .doesNotContainKey("clipvalue");
        assertThat(Adam.builder().clipvalue(0.5).build().getConfig())
                .containsEntry("clipvalue", 0.5)
                .doesNotContainKey("clipnorm");
        // Keras puts the base keys first
        assertThat(Adam.builder().clipnorm(2).clipvalue(0.5).build().getConfig())
                .containsEntry("clipnorm", 2.0)
                .containsEntry("clipvalue", 0.5)
                .extractingByKey("learning_rate").isEqualTo(0.001);
        assertThat(new ArrayList<>(Adam.builder().clipnorm(2).clipvalue(0.5).build().getConfig().keySet()))
                .startsWith("clipnorm", "clipvalue", "learning_rate");
    }
}
