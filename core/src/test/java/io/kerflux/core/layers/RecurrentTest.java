package io.kerflux.core.layers;

import static io.kerflux.core.layers.RecurrentTesting.doubles;
import static io.kerflux.core.layers.RecurrentTesting.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The sequence loop shared by the recurrent layers: masks, states, dropout masks, shapes and errors. */
class RecurrentTest {

    /** A linear SimpleRNN with h_t = x_t + 0.5·h_{t−1}, one unit, one feature. */
    private static SimpleRNN halving(boolean backwards) {
        SimpleRNN s = SimpleRNN.builder(1).activation("linear").useBias(false).returnSequences(true)
                .goBackwards(backwards).build();
        s.build(new long[] {4, 1}, doubles(1));
        s.setWeights(List.of(Nd4j.create(new double[][] {{1}}), Nd4j.create(new double[][] {{0.5}})));
        return s;
    }

    private static INDArray sequence(double... values) {
        return Nd4j.create(values, new long[] {1, values.length, 1});
    }

    @Test
    void maskedTimestepsRepeatThePreviousOutputAndKeepTheState() {
        INDArray mask = Nd4j.create(new double[][] {{1, 0, 1, 1}});
        INDArray out = halving(false).call(sequence(1, 2, 3, 4), mask, false);
        // h1 = 1; step 2 masked: 1; h3 = 3 + 0.5·1 = 3.5; h4 = 4 + 0.5·3.5 = 5.75
        assertThat(LayerContract.values(out)).containsExactly(1, 1, 3.5, 5.75);
        INDArray leading = halving(false).call(sequence(1, 2, 3, 4), Nd4j.create(new double[][] {{0, 0, 1, 1}}), false);
        // masked steps before any kept one output the zero initial state: 0, 0, 3, 4 + 1.5
        assertThat(LayerContract.values(leading)).containsExactly(0, 0, 3, 5.5);
    }

    @Test
    void goBackwardsReadsTheMaskReversedAndOutputsInProcessingOrder() {
        INDArray out = halving(true).call(sequence(1, 2, 3, 4), Nd4j.create(new double[][] {{1, 0, 1, 1}}), false);
        // processing order x4, x3, x2 (masked), x1: 4; 3 + 2 = 5; 5; 1 + 2.5 = 3.5
        assertThat(LayerContract.values(out)).containsExactly(4, 5, 5, 3.5);
    }

    @Test
    void maskPassesOnOnlyWithReturnSequences() {
        INDArray x = random(1, 2, 3, 2);
        INDArray mask = Nd4j.ones(2, 3);
        assertThat(SimpleRNN.builder(2).returnSequences(true).build().computeMask(x, mask)).isSameAs(mask);
        assertThat(new SimpleRNN(2).computeMask(x, mask)).isNull();
        assertThat(new SimpleRNN(2).supportsMasking()).isTrue();
    }

    @Test
    void statefulLayerContinuesTheSequenceAcrossCalls() {
        SimpleRNN whole = SimpleRNN.builder(3).returnSequences(true).build();
        whole.build(new long[] {4, 2}, doubles(5));
        SimpleRNN parts = SimpleRNN.builder(3).returnSequences(true).stateful(true).build();
        parts.build(new long[] {2, 2}, doubles(5));
        parts.setWeights(whole.getWeights());
        assertThat(parts.isStateful()).isTrue();
        INDArray x = random(2, 2, 4, 2);
        INDArray expected = whole.call(x, false);
        INDArray first = parts.call(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()), false);
        INDArray second = parts.call(x.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4), NDArrayIndex.all()), false);
        assertThat(LayerContract.values(Nd4j.concat(1, first, second)))
                .containsExactly(LayerContract.values(expected), within(1e-12));
        parts.resetStates();
        assertThat(parts.states()).isEmpty();
        assertThat(LayerContract.values(parts.call(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2),
                NDArrayIndex.all()), false))).containsExactly(LayerContract.values(first), within(1e-12));
        assertThatThrownBy(() -> parts.call(random(3, 3, 2, 2), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch of 3 samples");
    }

    @Test
    void resetStatesSetsGivenValuesAndChecksThem() {
        SimpleRNN s = SimpleRNN.builder(2).stateful(true).build();
        s.build(new long[] {1, 1}, doubles(1));
        s.setWeights(List.of(Nd4j.create(new double[][] {{0, 0}}), Nd4j.eye(2).castTo(s.dtype()), Nd4j.zeros(2)));
        s.resetStates(List.of(Nd4j.create(new double[][] {{0.1, -0.2}})));
        // zero input kernel, identity recurrent kernel, tanh: h = tanh(h0)
        assertThat(LayerContract.values(s.call(Nd4j.zeros(DataType.DOUBLE, 1, 1, 1), false)))
                .containsExactly(new double[] {Math.tanh(0.1), Math.tanh(-0.2)}, within(1e-6));
        assertThatThrownBy(() -> s.resetStates(List.of(Nd4j.zeros(1, 3)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("State 0 is incompatible");
        assertThatThrownBy(() -> new SimpleRNN(2).resetStates()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Layer must be stateful");
    }

    @Test
    void statefulFirstLayerNeedsABatchSize() {
        SimpleRNN noBatch = SimpleRNN.builder(2).stateful(true).inputShape(3, 2).build();
        assertThatThrownBy(() -> noBatch.build(new long[] {3, 2}, doubles(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs to know its batch size");
        SimpleRNN withBatch = SimpleRNN.builder(2).stateful(true).inputShape(3, 2).batchSize(4).build();
        withBatch.build(new long[] {3, 2}, doubles(1));
        assertThat(withBatch.getConfig().get("batch_input_shape")).isEqualTo(List.of(4L, 3L, 2L));
        assertThatThrownBy(() -> withBatch.call(random(1, 2, 3, 2), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size 4");
    }

    @Test
    void dropoutMasksStayTheSameOverTheSequence() {
        // identity input kernel, zero recurrent kernel, linear: the output of each step is the dropped input
        SimpleRNN s = SimpleRNN.builder(3).activation("linear").useBias(false).returnSequences(true).dropout(0.5)
                .build();
        s.build(new long[] {4, 3}, doubles(1));
        s.setWeights(List.of(Nd4j.eye(3), Nd4j.zeros(3, 3)));
        INDArray x = Nd4j.ones(DataType.DOUBLE, 2, 4, 3);
        s.reseed(11);
        INDArray out = s.call(x, true);
        for (int b = 0; b < 2; b++) {
            INDArray first = out.get(NDArrayIndex.point(b), NDArrayIndex.point(0), NDArrayIndex.all());
            assertThat(LayerContract.values(first)).containsOnly(0.0, 2.0);
            for (int t = 1; t < 4; t++) {
                INDArray step = out.get(NDArrayIndex.point(b), NDArrayIndex.point(t), NDArrayIndex.all());
                assertThat(LayerContract.values(step)).containsExactly(LayerContract.values(first));
            }
        }
        assertThat(LayerContract.values(out)).contains(0.0, 2.0);
        s.reseed(11);
        assertThat(LayerContract.values(s.call(x, true))).containsExactly(LayerContract.values(out));
        assertThat(LayerContract.values(s.call(x, false))).containsOnly(1.0);
    }

    @Test
    void recurrentDropoutMaskStaysTheSameOverTheSequence() {
        // identity kernels, linear: h_t = x_t + m ⊙ h_{t−1}, so (h_t − x_t) / h_{t−1} is the mask at every step
        SimpleRNN s = SimpleRNN.builder(2).activation("linear").useBias(false).returnSequences(true)
                .recurrentDropout(0.5).build();
        s.build(new long[] {4, 2}, doubles(1));
        s.setWeights(List.of(Nd4j.eye(2), Nd4j.eye(2)));
        s.reseed(3);
        double[] out = LayerContract.values(s.call(Nd4j.ones(DataType.DOUBLE, 1, 4, 2), true));
        for (int unit = 0; unit < 2; unit++) {
            double m = out[2 + unit] - 1;
            assertThat(m).isIn(0.0, 2.0);
            for (int t = 2; t < 4; t++) {
                assertThat(out[2 * t + unit] - 1).isCloseTo(m * out[2 * (t - 1) + unit], within(1e-12));
            }
        }
    }

    @Test
    void trainsInsideASequentialModelWithMasksPassedOn() {
        Sequential model = new Sequential(42);
        model.add(Bidirectional.builder(LSTM.builder(4).returnSequences(true).build()).inputShape(5, 3).build());
        model.add(new GRU(3));
        model.add(new Dense(1));
        // Bidirectional LSTM: 2 · 4 · (4 · (3 + 4) + 4); GRU: 3 · (3 · (8 + 3) + 3); Dense: 3 + 1
        assertThat(model.countParams()).isEqualTo(2 * 4 * (4 * (3 + 4) + 4) + 3 * (3 * (8 + 3) + 3) + 4);
        model.compile("adam", "mse");
        INDArray x = random(3, 8, 5, 3).castTo(model.dtype());
        INDArray y = random(4, 8, 1).castTo(model.dtype());
        double first = model.trainOnBatch(x, y)[0];
        double last = first;
        for (int i = 0; i < 20; i++) {
            last = model.trainOnBatch(x, y)[0];
        }
        assertThat(last).isLessThan(first);
    }

    @Test
    void rejectsWhatKerasRejects() {
        assertThatThrownBy(() -> SimpleRNN.builder(2).returnState(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("return_state=true");
        assertThat(SimpleRNN.builder(2).returnState(false).unroll(true).build().getConfig())
                .containsEntry("unroll", true);
        assertThatThrownBy(() -> SimpleRNN.builder(2).unroll(true).build().build(new long[] {1, 3}, doubles(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot unroll");
        assertThatThrownBy(() -> new LSTM(2).build(new long[] {3}, doubles(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ndim=3, found ndim=2");
        SimpleRNN built = new SimpleRNN(2);
        built.build(new long[] {3, 2}, doubles(1));
        assertThatThrownBy(() -> built.call(random(1, 2, 3, 4), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected shape=(None, None, 2)");
        assertThatThrownBy(() -> built.call(random(1, 2, 3, 2), Nd4j.ones(2, 4), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask");
    }
}
