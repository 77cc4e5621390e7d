package io.kerflux.core.layers;

import static io.kerflux.core.layers.RecurrentTesting.doubles;
import static io.kerflux.core.layers.RecurrentTesting.keys;
import static io.kerflux.core.layers.RecurrentTesting.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.testing.KerasJsVectors;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GRUTest {
    private static final String[] CELL_KEYS = {"units", "activation", "recurrent_activation", "use_bias",
        "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer",
        "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
        "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "implementation", "reset_after"};
    private static final String[] CONFIG_KEYS = keys(RecurrentTesting.RNN_KEYS, CELL_KEYS);

    @Test
    void reproducesEveryKerasJsCase() {
        // the vectors' README lists each case; all but .1 use tanh / hard_sigmoid and 4 units, .8 has no bias
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.0", () -> kerasJs(b -> b), false);
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.1",
                () -> GRU.builder(5).activation("sigmoid").recurrentActivation("sigmoid").build(), false);
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.2",
                () -> kerasJs(b -> b.returnSequences(true)), false);
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.3", () -> kerasJs(b -> b.goBackwards(true)), false);
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.4",
                () -> kerasJs(b -> b.returnSequences(true).goBackwards(true)), false);
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.5", () -> kerasJs(b -> b.stateful(true)), true);
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.6",
                () -> kerasJs(b -> b.stateful(true).returnSequences(true)), true);
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.7",
                () -> kerasJs(b -> b.stateful(true).goBackwards(true)), true);
        RecurrentTesting.checkKerasJs("GRU.json", "recurrent.GRU.8",
                () -> kerasJs(b -> b.stateful(true).returnSequences(true).goBackwards(true).useBias(false)), true);
    }

    @Test
    void reproducesAKeras3StackedResetAfterModel() {
        KerasJsVectors.Case c = RecurrentTesting.loadKeras3("gru_stacked_reset_after");
        GRU first = GRU.builder(5).resetAfter(true).returnSequences(true).build();
        GRU second = GRU.builder(4).resetAfter(true).build();
        Dense dense = new Dense(1);
        first.build(new long[] {6, 3}, doubles(1));
        second.build(new long[] {6, 5}, doubles(1));
        dense.build(new long[] {4}, doubles(1));
        first.setWeights(c.weights().subList(0, 3));
        second.setWeights(c.weights().subList(3, 6));
        dense.setWeights(c.weights().subList(6, 8));
        INDArray out = dense.call(second.call(first.call(c.input(), false), false), false);
        RecurrentTesting.assertClose("gru_stacked_reset_after", out, c.expected());
    }

    private static GRU kerasJs(UnaryOperator<GRU.Builder> options) {
        return options.apply(GRU.builder(4).activation("tanh").recurrentActivation("hard_sigmoid")).build();
    }

    @Test
    void resetAfterFollowsTheKerasFormulaWithTwoBiasRows() {
        GRU g = GRU.builder(1).resetAfter(true).returnSequences(true).build();
        g.build(new long[] {2, 1}, doubles(1));
        double wz = 0.3;
        double wr = -0.6;
        double wh = 0.9;
        double uz = -0.4;
        double ur = 0.7;
        double uh = 0.5;
        double[] b0 = {0.1, -0.2, 0.3};
        double[] b1 = {-0.3, 0.25, -0.15};
        g.setWeights(List.of(Nd4j.create(new double[][] {{wz, wr, wh}}), Nd4j.create(new double[][] {{uz, ur, uh}}),
                Nd4j.create(new double[][] {b0, b1})));
        double[] x = {0.8, -0.5};
        INDArray out = g.call(Nd4j.create(x, new long[] {1, 2, 1}), false);
        // z = σ(x·wz + b0z + h·uz + b1z), r likewise, h̃ = tanh(x·wh + b0h + r·(h·uh + b1h)),
        // h = z·h + (1 − z)·h̃
        double h = 0;
        double[] expected = new double[2];
        for (int t = 0; t < 2; t++) {
            double z = sigmoid(x[t] * wz + b0[0] + h * uz + b1[0]);
            double r = sigmoid(x[t] * wr + b0[1] + h * ur + b1[1]);
            double hh = Math.tanh(x[t] * wh + b0[2] + r * (h * uh + b1[2]));
            h = z * h + (1 - z) * hh;
            expected[t] = h;
        }
        assertThat(LayerContract.values(out)).containsExactly(expected, within(1e-12));
    }

    @Test
    void resetBeforeAppliesTheResetGateToTheState() {
        GRU g = GRU.builder(1).returnSequences(true).build();
        g.build(new long[] {2, 1}, doubles(1));
        g.setWeights(List.of(Nd4j.create(new double[][] {{0.3, -0.6, 0.9}}),
                Nd4j.create(new double[][] {{-0.4, 0.7, 0.5}}), Nd4j.create(new double[] {0.1, -0.2, 0.3})));
        double[] x = {0.8, -0.5};
        INDArray out = g.call(Nd4j.create(x, new long[] {1, 2, 1}), false);
        // h̃ = tanh(x·wh + (r·h)·uh + bh)
        double h = 0;
        double[] expected = new double[2];
        for (int t = 0; t < 2; t++) {
            double z = sigmoid(x[t] * 0.3 + h * -0.4 + 0.1);
            double r = sigmoid(x[t] * -0.6 + h * 0.7 - 0.2);
            double hh = Math.tanh(x[t] * 0.9 + (r * h) * 0.5 + 0.3);
            h = z * h + (1 - z) * hh;
            expected[t] = h;
        }
        assertThat(LayerContract.values(out)).containsExactly(expected, within(1e-12));
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void defaultsAreThoseOfKeras231() {
        Map<String, Object> c = new GRU(3).getConfig();
        assertThat(c).containsEntry("activation", "tanh").containsEntry("recurrent_activation", "sigmoid")
                .containsEntry("implementation", 2).containsEntry("reset_after", false).containsEntry("use_bias", true)
                .containsEntry("return_state", false);
        assertThat(((Map<?, ?>) c.get("recurrent_initializer")).get("class_name")).isEqualTo("Orthogonal");
        assertThat(new GRU(3).className()).isEqualTo("GRU");
        assertThat(new GRU(3).name()).isEqualTo("gru");
    }

    @Test
    void buildCreatesKerasWeightsAndParameterCount() {
        GRU g = new GRU(5);
        g.build(new long[] {7, 3}, doubles(1));
        assertThat(g.weights()).extracting(Weight::shape)
                .containsExactly(new long[] {3, 15}, new long[] {5, 15}, new long[] {15});
        // Keras: 3 · (units · (input_dim + units) + units)
        assertThat(g.countParams()).isEqualTo(3 * (5 * (3 + 5) + 5));
        GRU after = GRU.builder(5).resetAfter(true).build();
        after.build(new long[] {7, 3}, doubles(1));
        assertThat(after.weights().get(2).shape()).containsExactly(2, 15);
        // reset_after adds the recurrent bias: 3 · (units · (input_dim + units) + 2 · units)
        assertThat(after.countParams()).isEqualTo(3 * (5 * (3 + 5) + 2 * 5));
    }

    @Test
    void satisfiesLayerContractInEveryMode() {
        long[] in = {2, 2};
        LayerContract.check(() -> GRU.builder(2).useBias(false).recurrentActivation("hard_sigmoid").build(), in,
                CONFIG_KEYS);
        LayerContract.check(() -> GRU.builder(2).resetAfter(true).goBackwards(true).biasInitializer("glorot_uniform")
                .build(), in, CONFIG_KEYS);
        for (boolean resetAfter : new boolean[] {false, true}) {
            for (int implementation : new int[] {1, 2}) {
                LayerContract.check(() -> GRU.builder(2).resetAfter(resetAfter).implementation(implementation)
                        .dropout(0.4).recurrentDropout(0.4).returnSequences(true).goBackwards(implementation == 2)
                        .biasInitializer("glorot_uniform").build(), in, CONFIG_KEYS);
            }
        }
    }

    @Test
    void gradientsAreExactWithAMaskAndWhenStateful() {
        INDArray mask = RecurrentTesting.mask(new double[][] {{1, 0, 1}, {0, 1, 1}, {1, 1, 0}});
        for (boolean resetAfter : new boolean[] {false, true}) {
            GRU g = GRU.builder(2).resetAfter(resetAfter).returnSequences(true).build();
            g.build(new long[] {3, 2}, doubles(3));
            RecurrentTesting.checkGradients(g, random(5, 3, 3, 2), mask, false, null);
            GRU s = GRU.builder(2).resetAfter(resetAfter).stateful(true).goBackwards(true).build();
            s.build(new long[] {3, 2}, doubles(3));
            RecurrentTesting.checkGradients(s, random(5, 3, 3, 2), null, false, List.of(random(8, 3, 2)));
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new GRU(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("units=-1");
        assertThatThrownBy(() -> GRU.builder(2).implementation(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("implementation=0");
        assertThatThrownBy(() -> GRU.builder(2).recurrentDropout(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recurrent_dropout=-0.1");
    }
}
