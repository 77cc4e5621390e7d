package io.kerflux.core.layers;

import static io.kerflux.core.layers.RecurrentTesting.doubles;
import static io.kerflux.core.layers.RecurrentTesting.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.testing.KerasJsVectors;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BidirectionalTest {

    /** Runs a separately built layer with the given weights: the reference for one direction. */
    private static INDArray direction(Layer layer, List<INDArray> weights, INDArray x, @Nullable INDArray mask) {
        layer.build(new long[] {x.size(1), x.size(2)}, doubles(9));
        layer.setWeights(weights);
        return layer.call(x, mask, false);
    }

    /** Reverses (batch, timesteps, units) along time by hand. */
    private static double[][][] reversed(INDArray a) {
        double[][][] out = new double[(int) a.size(0)][(int) a.size(1)][(int) a.size(2)];
        for (int b = 0; b < out.length; b++) {
            for (int t = 0; t < out[b].length; t++) {
                for (int u = 0; u < out[b][t].length; u++) {
                    out[b][t][u] = a.getDouble(b, a.size(1) - 1 - t, u);
                }
            }
        }
        return out;
    }

    @Test
    void mergesTheForwardOutputWithTheReversedBackwardOutput() {
        INDArray x = random(1, 2, 3, 2);
        INDArray mask = RecurrentTesting.mask(new double[][] {{1, 1, 0}, {1, 0, 1}});
        for (String mode : List.of("concat", "sum", "mul", "ave")) {
            Bidirectional bi = Bidirectional.builder(GRU.builder(2).returnSequences(true).build()).mergeMode(mode)
                    .build();
            bi.build(new long[] {3, 2}, doubles(4));
            List<INDArray> w = bi.getWeights();
            INDArray y = direction(GRU.builder(2).returnSequences(true).build(), w.subList(0, 3), x, mask);
            double[][][] yRev = reversed(direction(GRU.builder(2).returnSequences(true).goBackwards(true).build(),
                    w.subList(3, 6), x, mask));
            INDArray out = bi.call(x, mask, false);
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 3; t++) {
                    for (int u = 0; u < 2; u++) {
                        double f = y.getDouble(b, t, u);
                        double r = yRev[b][t][u];
                        switch (mode) {
                            case "concat" -> {
                                assertThat(out.getDouble(b, t, u)).isCloseTo(f, within(1e-12));
                                assertThat(out.getDouble(b, t, u + 2)).isCloseTo(r, within(1e-12));
                            }
                            case "sum" -> assertThat(out.getDouble(b, t, u)).isCloseTo(f + r, within(1e-12));
                            case "mul" -> assertThat(out.getDouble(b, t, u)).isCloseTo(f * r, within(1e-12));
                            default -> assertThat(out.getDouble(b, t, u)).isCloseTo((f + r) / 2, within(1e-12));
                        }
                    }
                }
            }
        }
    }

    @Test
    void reproducesAKeras3BidirectionalLstmModel() {
        KerasJsVectors.Case c = RecurrentTesting.loadKeras3("bidirectional_lstm");
        Bidirectional bi = new Bidirectional(new LSTM(4));
        Dense dense = new Dense(2);
        bi.build(new long[] {5, 3}, doubles(1));
        dense.build(new long[] {8}, doubles(1));
        bi.setWeights(c.weights().subList(0, 6));
        dense.setWeights(c.weights().subList(6, 8));
        RecurrentTesting.assertClose("bidirectional_lstm", dense.call(bi.call(c.input(), false), false), c.expected());
    }

    @Test
    void withoutSequencesConcatenatesBothFinalStates() {
        INDArray x = random(2, 2, 3, 2);
        Bidirectional bi = new Bidirectional(new LSTM(2));
        bi.build(new long[] {3, 2}, doubles(4));
        List<INDArray> w = bi.getWeights();
        INDArray y = direction(new LSTM(2), w.subList(0, 3), x, null);
        INDArray yRev = direction(LSTM.builder(2).goBackwards(true).build(), w.subList(3, 6), x, null);
        INDArray out = bi.call(x, false);
        assertThat(out.shape()).containsExactly(2, 4);
        assertThat(LayerContract.values(out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2))))
                .containsExactly(LayerContract.values(y), within(1e-12));
        assertThat(LayerContract.values(out.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4))))
                .containsExactly(LayerContract.values(yRev), within(1e-12));
    }

    @Test
    void holdsForwardThenBackwardWeightsInKerasOrder() {
        Bidirectional bi = new Bidirectional(new LSTM(3));
        bi.build(new long[] {5, 2}, doubles(1));
        assertThat(bi.weights()).extracting(Weight::name)
                .containsExactly("kernel", "recurrent_kernel", "bias", "kernel", "recurrent_kernel", "bias");
        // twice the wrapped LSTM's 4 · (units · (input_dim + units) + units)
        assertThat(bi.countParams()).isEqualTo(2 * 4 * (3 * (2 + 3) + 3));
        assertThat(bi.forwardLayer().name()).isEqualTo("forward_lstm");
        assertThat(bi.backwardLayer().name()).isEqualTo("backward_lstm");
        assertThat(bi.computeOutputShape(new long[] {5, 2})).containsExactly(6);
        assertThat(Bidirectional.builder(LSTM.builder(3).returnSequences(true).build()).mergeMode("sum").build()
                .computeOutputShape(new long[] {5, 2})).containsExactly(5, 3);
        assertThat(bi.className()).isEqualTo("Bidirectional");
        assertThat(bi.name()).isEqualTo("bidirectional");
    }

    @Test
    void configHoldsTheWrappedLayerAndTheMergeMode() {
        LSTM inner = LSTM.builder(3).goBackwards(true).build();
        Map<String, Object> c = Bidirectional.builder(inner).mergeMode("ave").build().getConfig();
        assertThat(c.keySet()).containsExactly("name", "trainable", "dtype", "layer", "merge_mode");
        assertThat(c).containsEntry("merge_mode", "ave")
                .containsEntry("layer", Configs.object("LSTM", inner.getConfig()));
    }

    @Test
    void backwardLayerIsTheWrappedConfigWithGoBackwardsFlipped() {
        GRU inner = GRU.builder(3).activation("relu").recurrentActivation("hard_sigmoid").resetAfter(true)
                .implementation(1).dropout(0.2).returnSequences(true).build();
        Bidirectional bi = new Bidirectional(inner);
        Map<String, Object> expected = inner.getConfig();
        Map<String, Object> backward = bi.backwardLayer().getConfig();
        Map<String, Object> forward = bi.forwardLayer().getConfig();
        assertThat(backward).containsEntry("go_backwards", true).containsEntry("name", "backward_gru");
        assertThat(forward).containsEntry("go_backwards", false).containsEntry("name", "forward_gru");
        for (String key : expected.keySet()) {
            if (!key.equals("go_backwards") && !key.equals("name")) {
                assertThat(backward.get(key)).as(key).isEqualTo(expected.get(key));
                assertThat(forward.get(key)).as(key).isEqualTo(expected.get(key));
            }
        }
    }

    @Test
    void satisfiesLayerContractForEveryMergeMode() {
        for (String mode : List.of("concat", "sum", "mul", "ave")) {
            LayerContract.check(() -> Bidirectional.builder(SimpleRNN.builder(2).returnSequences(true)
                    .biasInitializer("glorot_uniform").build()).mergeMode(mode).build(), new long[] {2, 2},
                    "layer", "merge_mode");
        }
        LayerContract.check(() -> new Bidirectional(LSTM.builder(2).dropout(0.3).recurrentDropout(0.3).build()),
                new long[] {2, 2}, "layer", "merge_mode");
    }

    @Test
    void gradientsAreExactWithAMask() {
        Bidirectional bi = Bidirectional.builder(GRU.builder(2).returnSequences(true).build()).mergeMode("mul").build();
        bi.build(new long[] {3, 2}, doubles(2));
        INDArray mask = RecurrentTesting.mask(new double[][] {{1, 0, 1}, {0, 1, 1}, {1, 1, 0}});
        RecurrentTesting.checkGradients(bi, random(4, 3, 3, 2), mask, false, null);
        assertThat(bi.computeMask(random(4, 3, 3, 2), mask)).isSameAs(mask);
        assertThat(new Bidirectional(new GRU(2)).computeMask(random(4, 3, 3, 2), mask)).isNull();
    }

    @Test
    void statefulnessFollowsTheWrappedLayer() {
        Bidirectional bi = new Bidirectional(SimpleRNN.builder(2).stateful(true).build());
        bi.build(new long[] {3, 2}, doubles(2));
        assertThat(bi.isStateful()).isTrue();
        INDArray x = random(1, 2, 3, 2);
        INDArray first = bi.call(x, false);
        assertThat(LayerContract.values(bi.call(x, false))).isNotEqualTo(LayerContract.values(first));
        bi.resetStates();
        assertThat(LayerContract.values(bi.call(x, false))).containsExactly(LayerContract.values(first));
        assertThat(new Bidirectional(new SimpleRNN(2)).isStateful()).isFalse();
        Bidirectional noBatch = Bidirectional.builder(SimpleRNN.builder(2).stateful(true).build()).inputShape(3, 2)
                .build();
        assertThatThrownBy(() -> noBatch.build(new long[] {3, 2}, doubles(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs to know its batch size");
    }

    @Test
    void rejectsWhatASequentialModelCannotUse() {
        assertThatThrownBy(() -> Bidirectional.builder(new LSTM(2)).mergeMode(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merge_mode=None");
        assertThatThrownBy(() -> Bidirectional.builder(new LSTM(2)).mergeMode("max"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid merge mode");
        assertThatThrownBy(() -> new Bidirectional(new Dense(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: layer=Dense");
    }
}
