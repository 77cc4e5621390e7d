package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Conv1DTest {
    private static final String[] CONFIG_KEYS = {
        "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation", "use_bias",
        "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
        "kernel_constraint", "bias_constraint"
    };

    /**
     * One Keras 2.3.1 case of {@code keras2/Conv1D.json} (see its README): input, weights and
     * expected output, each as a batch of 1 for the first two.
     */
    private static List<INDArray> keras231Case(String name) throws IOException {
        try (InputStream in = Conv1DTest.class.getResourceAsStream("/keras2/Conv1D.json")) {
            JsonNode node = new ObjectMapper().readTree(in).get(name);
            List<INDArray> arrays = new ArrayList<>();
            arrays.add(array(node.get("input"), true));
            for (JsonNode w : node.get("weights")) {
                arrays.add(array(w, false));
            }
            arrays.add(array(node.get("expected"), true));
            return arrays;
        }
    }

    private static INDArray array(JsonNode n, boolean batchOfOne) {
        double[] data = new double[n.get("data").size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = n.get("data").get(i).asDouble();
        }
        List<Long> shape = new ArrayList<>();
        if (batchOfOne) {
            shape.add(1L);
        }
        n.get("shape").forEach(d -> shape.add(d.asLong()));
        return Nd4j.create(data, shape.stream().mapToLong(Long::longValue).toArray(), DataType.DOUBLE);
    }

    private static List<String> fieldNames(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static Conv1D built(Conv1D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(5)));
        return layer;
    }

    /**
     * The Keras (TensorFlow) 1-D cross-correlation written out, channels last: out[b,t,f] = bias[f]
     * + Σ_j Σ_c x[b, t·s + j·d − before, c] · k[j,c,f]; "same" pads floor(total/2) before with
     * total = max((out−1)·s + (k−1)·d + 1 − steps, 0), "causal" pads (k−1)·d before and nothing
     * after.
     */
    private static double[][][] direct(INDArray x, INDArray k, INDArray bias, int s, int d, String padding) {
        int batch = (int) x.size(0);
        int steps = (int) x.size(1);
        int channels = (int) x.size(2);
        int size = (int) k.size(0);
        int filters = (int) k.size(2);
        int span = (size - 1) * d + 1;
        int out = padding.equals("valid") ? (steps - span) / s + 1 : (steps + s - 1) / s;
        int before = switch (padding) {
            case "same" -> Math.max(0, (out - 1) * s + span - steps) / 2;
            case "causal" -> span - 1;
            default -> 0;
        };
        double[][][] y = new double[batch][out][filters];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < out; t++) {
                for (int f = 0; f < filters; f++) {
                    double sum = bias == null ? 0 : bias.getDouble(f);
                    for (int j = 0; j < size; j++) {
                        int step = t * s + j * d - before;
                        if (step < 0 || step >= steps) {
                            continue;
                        }
                        for (int c = 0; c < channels; c++) {
                            sum += x.getDouble(b, step, c) * k.getDouble(j, c, f);
                        }
                    }
                    y[b][t][f] = sum;
                }
            }
        }
        return y;
    }

    @Test
    void keepsKerasNameClassAndDefaultConfig() {
        Conv1D conv = new Conv1D(6, 3);
        assertThat(conv.className()).isEqualTo("Conv1D");
        assertThat(conv.namePrefix()).isEqualTo("conv1d");
        Map<String, Object> c = conv.getConfig();
        assertThat(c).containsEntry("filters", 6)
                .containsEntry("kernel_size", List.of(3))
                .containsEntry("strides", List.of(1))
                .containsEntry("padding", "valid")
                .containsEntry("data_format", "channels_last")
                .containsEntry("dilation_rate", List.of(1))
                .containsEntry("activation", "linear")
                .containsEntry("use_bias", true);
        assertThat(((Map<?, ?>) c.get("kernel_initializer")).get("class_name")).isEqualTo("GlorotUniform");
        assertThat(Conv1D.builder(2, 2).padding("Causal").dilationRate(2).build().getConfig())
                .containsEntry("padding", "causal").containsEntry("dilation_rate", List.of(2));
    }

    @Test
    void configHasTheKeysAndValuesOfAKeras231SavedModel() throws IOException {
        // model_config of conv1d_k3_s2_d1_cl_same_model.h5 (keras2/README.md), saved by Keras 2.3.1
        String keras = "{\"name\": \"conv0\", \"trainable\": true, \"batch_input_shape\": [null, 16, 3], "
                + "\"dtype\": \"float32\", \"filters\": 4, \"kernel_size\": [3], \"strides\": [2], "
                + "\"padding\": \"same\", \"data_format\": \"channels_last\", \"dilation_rate\": [1], "
                + "\"activation\": \"sigmoid\", \"use_bias\": true, \"kernel_initializer\": {\"class_name\": "
                + "\"VarianceScaling\", \"config\": {\"scale\": 1.0, \"mode\": \"fan_avg\", \"distribution\": "
                + "\"uniform\", \"seed\": null}}, \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, "
                + "\"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null, "
                + "\"kernel_constraint\": null, \"bias_constraint\": null}";
        Conv1D conv = Conv1D.builder(4, 3).strides(2).padding("same").activation("sigmoid").inputShape(16, 3)
                .name("conv0").build();
        conv.build(new long[] {16, 3}, new BuildContext(DataType.FLOAT, new Random(1)));
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(keras);
        JsonNode actual = json.valueToTree(conv.getConfig());
        assertThat(fieldNames(actual.fieldNames())).isEqualTo(fieldNames(expected.fieldNames()));
        expected.fieldNames().forEachRemaining(key -> {
            // glorot_uniform's own serialization (its class name) belongs to the initializer
            if (!key.equals("kernel_initializer")) {
                assertThat(actual.get(key).toString()).as(key).isEqualTo(expected.get(key).toString());
            }
        });
    }

    @Test
    void rejectsInvalidArgumentsNamingThem() {
        assertThatThrownBy(() -> new Conv1D(-1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: filters=-1");
        assertThatThrownBy(() -> new Conv1D(2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: kernel_size=(0,)");
        assertThatThrownBy(() -> Conv1D.builder(2, 3).strides(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: strides=(0,)");
        assertThatThrownBy(() -> Conv1D.builder(2, 3).padding("full")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"valid\", \"same\", \"causal\"").hasMessageContaining("Received: padding=full");
        assertThatThrownBy(() -> Conv1D.builder(2, 3).strides(2).dilationRate(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strides=(2,) and dilation_rate=(2,)");
        assertThatThrownBy(() -> Conv1D.builder(2, 3).padding("causal").dataFormat("channels_first").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("When using causal padding in `Conv1D`, `data_format` must be \"channels_last\"");
        assertThatThrownBy(() -> new Conv1D(2, 3).computeOutputShape(new long[] {5, 5, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=3, found ndim=4");
        assertThatThrownBy(() -> new Conv1D(2, 4).computeOutputShape(new long[] {3, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than its dilated kernel");
    }

    @Test
    void outputShapesAndParameterCountsFollowKerasFormulas() {
        // {steps, channels, filters, kernel, stride, dilation}
        int[][] cases = {{10, 4, 3, 2, 1, 2}, {16, 3, 4, 3, 2, 1}, {7, 1, 2, 3, 3, 1}, {9, 2, 5, 4, 1, 1}};
        for (int[] t : cases) {
            for (String padding : new String[] {"valid", "same", "causal"}) {
                Conv1D conv = built(Conv1D.builder(t[2], t[3]).strides(t[4]).dilationRate(t[5]).padding(padding).build(),
                        t[0], t[1]);
                // valid: floor((steps − ((k−1)·d + 1)) / s) + 1; same and causal: ceil(steps / s)
                long steps = padding.equals("valid") ? (t[0] - ((t[3] - 1) * t[5] + 1)) / t[4] + 1 : (t[0] + t[4] - 1) / t[4];
                assertThat(conv.computeOutputShape(new long[] {t[0], t[1]})).containsExactly(steps, t[2]);
                assertThat(conv.weights().get(0).shape()).containsExactly(t[3], t[1], t[2]);
                assertThat(conv.countParams()).isEqualTo((long) t[3] * t[1] * t[2] + t[2]);
            }
        }
        Conv1D first = built(Conv1D.builder(3, 2).dataFormat("channels_first").useBias(false).build(), 4, 10);
        assertThat(first.computeOutputShape(new long[] {4, 10})).containsExactly(3, 9);
        assertThat(first.countParams()).isEqualTo(2 * 4 * 3);
    }

    @Test
    void computesTheDirectCrossCorrelationInEveryPaddingAndFormat() {
        Random r = new Random(17);
        // {kernel, stride, dilation}
        int[][] geometries = {{3, 1, 1}, {3, 2, 1}, {2, 1, 2}, {4, 3, 1}, {3, 1, 3}};
        for (int[] g : geometries) {
            for (String padding : new String[] {"valid", "same", "causal"}) {
                for (boolean channelsFirst : padding.equals("causal") ? new boolean[] {false} : new boolean[] {false, true}) {
                    INDArray x = Nd4j.create(r.doubles(2 * 10 * 3, -1, 1).toArray(), new long[] {2, 10, 3}, DataType.DOUBLE);
                    Conv1D conv = built(Conv1D.builder(2, g[0]).strides(g[1]).dilationRate(g[2]).padding(padding)
                            .biasInitializer("glorot_uniform").dataFormat(channelsFirst ? "channels_first" : null).build(),
                            channelsFirst ? new long[] {3, 10} : new long[] {10, 3});
                    double[][][] expected = direct(x, conv.weights().get(0).value(), conv.weights().get(1).value(),
                            g[1], g[2], padding);
                    INDArray out = conv.call(channelsFirst ? x.permute(0, 2, 1).dup() : x, false);
                    INDArray outLast = channelsFirst ? out.permute(0, 2, 1) : out;
                    assertThat(outLast.shape()).containsExactly(2, expected[0].length, 2);
                    for (int b = 0; b < 2; b++) {
                        for (int t = 0; t < expected[0].length; t++) {
                            for (int f = 0; f < 2; f++) {
                                assertThat(outLast.getDouble(b, t, f)).as("%s %s", padding, List.of(g[0], g[1], g[2]))
                                        .isCloseTo(expected[b][t][f], within(1e-12));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void reproducesKeras231SameStridedAndCausalDilatedVectors() throws IOException {
        for (String file : new String[] {"conv1d_k3_s2_d1_cl_same", "causal_conv1d_k3_s1_d2_cl"}) {
            boolean causal = file.startsWith("causal");
            for (int sample = 0; sample < 2; sample++) {
                List<INDArray> v = keras231Case(file + "." + sample);
                // the configs from the README: kernel 3, 4 filters, channels last
                Conv1D conv = built(causal
                        ? Conv1D.builder(4, 3).padding("causal").dilationRate(2).activation("tanh").build()
                        : Conv1D.builder(4, 3).padding("same").strides(2).activation("sigmoid").build(), 16, 3);
                conv.setWeights(v.subList(1, 3));
                INDArray out = conv.call(v.get(0), false);
                INDArray expected = v.get(3);
                assertThat(out.shape()).isEqualTo(expected.shape());
                double[] actual = LayerContract.values(out);
                double[] keras = LayerContract.values(expected);
                for (int i = 0; i < keras.length; i++) {
                    assertThat(actual[i]).as("%s.%d value %d", file, sample, i).isCloseTo(keras[i], within(1e-6));
                }
            }
        }
    }

    @Test
    void causalOutputsIgnoreLaterSteps() {
        Conv1D conv = built(Conv1D.builder(2, 3).padding("causal").dilationRate(2).build(), 8, 2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 8, 2);
        INDArray before = conv.call(x, false).dup();
        INDArray changed = x.dup();
        changed.putScalar(new long[] {0, 5, 1}, 42.0);
        INDArray after = conv.call(changed, false);
        for (int t = 0; t < 5; t++) {
            for (int f = 0; f < 2; f++) {
                assertThat(after.getDouble(0, t, f)).isEqualTo(before.getDouble(0, t, f));
            }
        }
        // step 5 is seen by outputs 5, 7 (taps at t − 4, t − 2, t)
        assertThat(after.getDouble(0, 5, 0)).isNotEqualTo(before.getDouble(0, 5, 0));
        assertThat(after.getDouble(0, 7, 0)).isNotEqualTo(before.getDouble(0, 7, 0));
        assertThat(after.getDouble(0, 6, 0)).isEqualTo(before.getDouble(0, 6, 0));
    }

    @Test
    void float32MatchesFloat64InEveryPadding() {
        // float32 channels-last gathers its columns in Java; {kernel, stride, dilation, padding (0 valid, 1 same, 2 causal)}
        int[][] modes = {{3, 1, 1, 0}, {2, 2, 1, 1}, {2, 1, 2, 2}, {3, 2, 1, 2}, {4, 1, 1, 1}};
        String[] paddings = {"valid", "same", "causal"};
        for (int[] t : modes) {
            for (String activation : new String[] {"relu", "linear"}) {
                Float32Check.check(() -> Conv1D.builder(3, t[0]).strides(t[1]).dilationRate(t[2]).padding(paddings[t[3]])
                        .activation(activation).biasInitializer("glorot_uniform").build(), new long[] {9, 2}, 3, 5);
            }
        }
    }

    @Test
    void satisfiesLayerContractInEveryPaddingStrideDilationAndFormat() {
        // {kernel, stride, dilation, padding (0 valid, 1 same, 2 causal), channels first, bias}
        int[][] modes = {
            {3, 1, 1, 0, 0, 1}, {2, 2, 1, 1, 0, 0}, {2, 1, 2, 2, 0, 1}, {3, 2, 1, 2, 0, 0},
            {2, 1, 2, 0, 1, 0}, {3, 2, 1, 1, 1, 1}
        };
        String[] paddings = {"valid", "same", "causal"};
        for (int[] t : modes) {
            boolean channelsFirst = t[4] == 1;
            LayerContract.check(
                    () -> Conv1D.builder(2, t[0]).strides(t[1]).dilationRate(t[2]).padding(paddings[t[3]])
                            .useBias(t[5] == 1).activation("tanh").biasInitializer("glorot_uniform")
                            .dataFormat(channelsFirst ? "channels_first" : "channels_last").build(),
                    channelsFirst ? new long[] {2, 5} : new long[] {5, 2},
                    CONFIG_KEYS);
        }
    }
}
