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
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SimpleRNNTest {
    private static final String[] CELL_KEYS = {"units", "activation", "use_bias", "kernel_initializer",
        "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
        "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint",
        "dropout", "recurrent_dropout"};
    private static final String[] CONFIG_KEYS = keys(RecurrentTesting.RNN_KEYS, CELL_KEYS);

    @Test
    void reproducesEveryKerasJsCase() {
        // the vectors' README: 4 units and tanh except .1 (5 units, sigmoid); .8 has no bias
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.0", () -> kerasJs(b -> b), false);
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.1",
                () -> SimpleRNN.builder(5).activation("sigmoid").build(), false);
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.2",
                () -> kerasJs(b -> b.returnSequences(true)), false);
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.3",
                () -> kerasJs(b -> b.goBackwards(true)), false);
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.4",
                () -> kerasJs(b -> b.returnSequences(true).goBackwards(true)), false);
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.5",
                () -> kerasJs(b -> b.stateful(true)), true);
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.6",
                () -> kerasJs(b -> b.stateful(true).returnSequences(true)), true);
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.7",
                () -> kerasJs(b -> b.stateful(true).goBackwards(true)), true);
        RecurrentTesting.checkKerasJs("SimpleRNN.json", "recurrent.SimpleRNN.8",
                () -> kerasJs(b -> b.stateful(true).returnSequences(true).goBackwards(true).useBias(false)), true);
    }

    private static SimpleRNN kerasJs(UnaryOperator<SimpleRNN.Builder> options) {
        return options.apply(SimpleRNN.builder(4)).build();
    }

    @Test
    void forwardIsTheKerasRecurrence() {
        SimpleRNN s = SimpleRNN.builder(1).activation("tanh").returnSequences(true).build();
        s.build(new long[] {3, 2}, doubles(1));
        s.setWeights(List.of(Nd4j.create(new double[][] {{0.5}, {-1}}), Nd4j.create(new double[][] {{0.8}}),
                Nd4j.create(new double[] {0.1})));
        INDArray out = s.call(Nd4j.create(new double[] {1, 2, -1, 0.5, 0.3, 0.3}, new long[] {1, 3, 2}), false);
        // h_t = tanh(x_t · kernel + h_{t−1} · 0.8 + 0.1), h_0 = 0
        double h1 = Math.tanh(0.5 - 2 + 0.1);
        double h2 = Math.tanh(-0.5 - 0.5 + 0.8 * h1 + 0.1);
        double h3 = Math.tanh(0.15 - 0.3 + 0.8 * h2 + 0.1);
        assertThat(LayerContract.values(out)).containsExactly(new double[] {h1, h2, h3}, within(1e-12));
    }

    @Test
    void defaultsAndParameterCountAreKeras() {
        SimpleRNN s = new SimpleRNN(4);
        s.build(new long[] {5, 3}, doubles(1));
        assertThat(s.weights()).extracting(Weight::shape)
                .containsExactly(new long[] {3, 4}, new long[] {4, 4}, new long[] {4});
        // Keras: units · (input_dim + units) + units
        assertThat(s.countParams()).isEqualTo(4 * (3 + 4) + 4);
        Map<String, Object> c = s.getConfig();
        assertThat(c).containsEntry("activation", "tanh").doesNotContainKey("implementation")
                .doesNotContainKey("recurrent_activation");
        assertThat(s.className()).isEqualTo("SimpleRNN");
        assertThat(new SimpleRNN(2).name()).isEqualTo("simple_rnn");
    }

    @Test
    void satisfiesLayerContractInEveryMode() {
        long[] in = {3, 2};
        for (boolean sequences : new boolean[] {false, true}) {
            for (boolean backwards : new boolean[] {false, true}) {
                LayerContract.check(() -> SimpleRNN.builder(3).returnSequences(sequences).goBackwards(backwards)
                        .biasInitializer("glorot_uniform").build(), in, CONFIG_KEYS);
            }
        }
        LayerContract.check(() -> SimpleRNN.builder(3).activation("sigmoid").useBias(false).dropout(0.4)
                .recurrentDropout(0.4).returnSequences(true).build(), in, CONFIG_KEYS);
    }

    @Test
    void gradientsAreExactWithAMaskAndWhenStateful() {
        SimpleRNN s = SimpleRNN.builder(2).returnSequences(true).goBackwards(true).dropout(0.3).build();
        s.build(new long[] {4, 2}, doubles(3));
        INDArray mask = RecurrentTesting.mask(new double[][] {{1, 1, 0, 1}, {0, 1, 1, 0}, {0, 0, 0, 0}});
        RecurrentTesting.checkGradients(s, random(5, 3, 4, 2), mask, true, null);
        SimpleRNN stateful = SimpleRNN.builder(2).stateful(true).build();
        stateful.build(new long[] {3, 2}, doubles(3));
        RecurrentTesting.checkGradients(stateful, random(5, 3, 3, 2), null, false, List.of(random(8, 3, 2)));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new SimpleRNN(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("units=0");
        assertThatThrownBy(() -> SimpleRNN.builder(2).activation("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }
}
