package io.kerflux.core.layers;

import static io.kerflux.core.layers.RecurrentTesting.doubles;
import static io.kerflux.core.layers.RecurrentTesting.keys;
import static io.kerflux.core.layers.RecurrentTesting.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LSTMTest {
    private static final String[] CELL_KEYS = {"units", "activation", "recurrent_activation", "use_bias",
        "kernel_initializer", "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer",
        "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
        "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "implementation"};
    private static final String[] CONFIG_KEYS = keys(RecurrentTesting.RNN_KEYS, CELL_KEYS);

    @Test
    void reproducesEveryKerasJsCase() {
        // the README of the vectors lists each case's config; all but .1 use tanh / hard_sigmoid and 4 units
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.0", () -> kerasJs(4, b -> b), false);
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.1",
                () -> LSTM.builder(5).activation("sigmoid").recurrentActivation("sigmoid").build(), false);
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.2",
                () -> kerasJs(4, b -> b.returnSequences(true)), false);
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.3",
                () -> kerasJs(4, b -> b.goBackwards(true)), false);
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.4",
                () -> kerasJs(4, b -> b.returnSequences(true).goBackwards(true)), false);
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.5", () -> kerasJs(4, b -> b.stateful(true)), true);
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.6",
                () -> kerasJs(4, b -> b.stateful(true).returnSequences(true)), true);
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.7",
                () -> kerasJs(4, b -> b.stateful(true).goBackwards(true)), true);
        RecurrentTesting.checkKerasJs("LSTM.json", "recurrent.LSTM.8",
                () -> kerasJs(4, b -> b.stateful(true).returnSequences(true).goBackwards(true)), true);
    }

    private static LSTM kerasJs(int units, UnaryOperator<LSTM.Builder> options) {
        return options.apply(LSTM.builder(units).activation("tanh").recurrentActivation("hard_sigmoid")).build();
    }

    @Test
    void defaultsAreThoseOfKeras231() {
        Map<String, Object> c = new LSTM(3).getConfig();
        assertThat(c).containsEntry("activation", "tanh").containsEntry("recurrent_activation", "sigmoid")
                .containsEntry("use_bias", true).containsEntry("unit_forget_bias", true)
                .containsEntry("implementation", 2).containsEntry("dropout", 0.0)
                .containsEntry("recurrent_dropout", 0.0)
                .containsEntry("return_sequences", false).containsEntry("return_state", false)
                .containsEntry("go_backwards", false).containsEntry("stateful", false).containsEntry("unroll", false);
        assertThat(((Map<?, ?>) c.get("kernel_initializer")).get("class_name")).isEqualTo("GlorotUniform");
        assertThat(((Map<?, ?>) c.get("recurrent_initializer")).get("class_name")).isEqualTo("Orthogonal");
        assertThat(((Map<?, ?>) c.get("bias_initializer")).get("class_name")).isEqualTo("Zeros");
        assertThat(new LSTM(3).className()).isEqualTo("LSTM");
        assertThat(new LSTM(3).name()).isEqualTo("lstm");
    }

    @Test
    void buildCreatesKerasWeightsAndParameterCount() {
        LSTM l = new LSTM(5);
        l.build(new long[] {7, 3}, doubles(1));
        assertThat(l.weights()).extracting(Weight::name).containsExactly("kernel", "recurrent_kernel", "bias");
        assertThat(l.weights()).extracting(Weight::shape)
                .containsExactly(new long[] {3, 20}, new long[] {5, 20}, new long[] {20});
        // Keras: 4 · (units · (input_dim + units) + units)
        assertThat(l.countParams()).isEqualTo(4 * (5 * (3 + 5) + 5));
        assertThat(l.computeOutputShape(new long[] {7, 3})).containsExactly(5);
        assertThat(LSTM.builder(5).returnSequences(true).build().computeOutputShape(new long[] {7, 3}))
                .containsExactly(7, 5);
    }

    @Test
    void unitForgetBiasStartsOnlyTheForgetBlockAtOne() {
        LSTM l = new LSTM(2);
        l.build(new long[] {3, 1}, doubles(1));
        assertThat(LayerContract.values(l.weights().get(2).value())).containsExactly(0, 0, 1, 1, 0, 0, 0, 0);
        LSTM plain = LSTM.builder(2).unitForgetBias(false).build();
        plain.build(new long[] {3, 1}, doubles(1));
        assertThat(LayerContract.values(plain.weights().get(2).value())).containsOnly(0.0);
        LSTM ones = LSTM.builder(2).biasInitializer("ones").build();
        ones.build(new long[] {3, 1}, doubles(1));
        assertThat(LayerContract.values(ones.weights().get(2).value())).containsOnly(1.0);
    }

    @Test
    void satisfiesLayerContractInEveryMode() {
        long[] in = {2, 2};
        LayerContract.check(() -> LSTM.builder(2).biasInitializer("glorot_uniform").build(), in, CONFIG_KEYS);
        LayerContract.check(() -> LSTM.builder(2).returnSequences(true).goBackwards(true)
                .recurrentActivation("hard_sigmoid").biasInitializer("glorot_uniform").build(), in, CONFIG_KEYS);
        LayerContract.check(() -> LSTM.builder(2).goBackwards(true).dropout(0.4).recurrentDropout(0.4)
                .implementation(1).build(), in, CONFIG_KEYS);
        LayerContract.check(() -> LSTM.builder(2).returnSequences(true).useBias(false).dropout(0.4)
                .recurrentDropout(0.4).implementation(2).build(), in, CONFIG_KEYS);
    }

    @Test
    void float32MatchesFloat64InEveryMode() {
        // float32 with Keras' default activations runs in LstmKernel, float64 in libnd4j's lstmLayer
        long[] in = {7, 3};
        Float32Check.check(() -> LSTM.builder(5).biasInitializer("glorot_uniform").build(), in, 4, 3);
        Float32Check.check(() -> LSTM.builder(5).returnSequences(true).biasInitializer("glorot_uniform").build(),
                in, 4, 4);
        Float32Check.check(() -> LSTM.builder(5).goBackwards(true).returnSequences(true).build(), in, 2, 5);
        Float32Check.check(() -> LSTM.builder(4).useBias(false).build(), new long[] {1, 6}, 1, 6);
    }

    @Test
    void float32CarriesStatesAsFloat64() {
        // the second call of a stateful layer starts from the states of the first
        for (boolean returnSequences : new boolean[] {false, true}) {
            LSTM wide = LSTM.builder(3).stateful(true).returnSequences(returnSequences).build();
            wide.build(new long[] {4, 2}, doubles(3));
            LSTM narrow = LSTM.builder(3).stateful(true).returnSequences(returnSequences).build();
            narrow.build(new long[] {4, 2}, new BuildContext(DataType.FLOAT, new Random(3)));
            List<INDArray> weights = wide.getWeights().stream()
                    .map(w -> w.castTo(DataType.FLOAT).castTo(DataType.DOUBLE)).toList();
            wide.setWeights(weights);
            narrow.setWeights(weights);
            for (int call = 0; call < 2; call++) {
                INDArray x = random(5 + call, 2, 4, 2).castTo(DataType.FLOAT).castTo(DataType.DOUBLE);
                double[] expected = LayerContract.values(wide.call(x, true));
                double[] actual = LayerContract.values(narrow.call(x.castTo(DataType.FLOAT), true));
                for (int k = 0; k < expected.length; k++) {
                    assertThat(actual[k]).as("call %d value %d", call, k).isCloseTo(expected[k], within(1e-6));
                }
                INDArray gradOut = returnSequences ? Nd4j.ones(DataType.DOUBLE, 2, 4, 3) : Nd4j.ones(DataType.DOUBLE, 2, 3);
                double[] gx = LayerContract.values(wide.backprop(gradOut, true));
                double[] gxFloat = LayerContract.values(narrow.backprop(gradOut.castTo(DataType.FLOAT), true));
                for (int k = 0; k < gx.length; k++) {
                    assertThat(gxFloat[k]).as("call %d gradient %d", call, k).isCloseTo(gx[k], within(1e-5));
                }
            }
        }
    }

    @Test
    void gradientsAreExactWithAMask() {
        LSTM l = LSTM.builder(2).returnSequences(true).build();
        l.build(new long[] {4, 2}, doubles(3));
        INDArray mask = RecurrentTesting.mask(new double[][] {{1, 1, 0, 1}, {0, 1, 1, 0}, {1, 0, 0, 0}});
        RecurrentTesting.checkGradients(l, random(5, 3, 4, 2), mask, false, null);
        LSTM last = LSTM.builder(2).goBackwards(true).dropout(0.3).recurrentDropout(0.3).build();
        last.build(new long[] {4, 2}, doubles(3));
        RecurrentTesting.checkGradients(last, random(5, 3, 4, 2), mask, true, null);
    }

    @Test
    void gradientsAreExactWithinOneBatchOfAStatefulLayer() {
        LSTM l = LSTM.builder(2).stateful(true).returnSequences(true).build();
        l.build(new long[] {3, 2}, doubles(3));
        List<INDArray> states = List.of(random(8, 3, 2), random(9, 3, 2));
        RecurrentTesting.checkGradients(l, random(5, 3, 3, 2), null, false, states);
    }

    @Test
    void statesHoldTheLastOutputAndCarry() {
        LSTM l = LSTM.builder(3).stateful(true).build();
        l.build(new long[] {4, 2}, doubles(3));
        INDArray out = l.call(random(5, 2, 4, 2), false);
        List<INDArray> states = l.states();
        assertThat(states).hasSize(2);
        assertThat(LayerContract.values(states.get(0))).isEqualTo(LayerContract.values(out));
        assertThat(states.get(1).shape()).containsExactly(2, 3);
        assertThatThrownBy(() -> l.resetStates(List.of(Nd4j.zeros(2, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects 2 states");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new LSTM(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("units=0");
        assertThatThrownBy(() -> LSTM.builder(2).implementation(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("implementation=3");
        assertThatThrownBy(() -> LSTM.builder(2).recurrentActivation("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> LSTM.builder(2).dropout(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dropout=1.0");
    }
}
