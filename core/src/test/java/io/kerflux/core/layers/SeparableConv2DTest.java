package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SeparableConv2DTest {
    private static final String[] CONFIG_KEYS = {
        "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation", "use_bias",
        "bias_initializer", "bias_regularizer", "activity_regularizer", "bias_constraint", "depth_multiplier",
        "depthwise_initializer", "pointwise_initializer", "depthwise_regularizer", "pointwise_regularizer",
        "depthwise_constraint", "pointwise_constraint"
    };

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static SeparableConv2D built(SeparableConv2D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(9)));
        return layer;
    }

    /**
     * TensorFlow's separable_conv2d written out, channels last: depthwise[b,i,j,c·M+m] = Σ_{p,q}
     * x[b, i·s + p·d − top, j·s + q·d − left, c] · dk[p,q,c,m] (zero outside the image, "same"
     * padding floor(total/2) before), then out = bias + depthwise · pk.
     */
    private static double[][][][] direct(INDArray x, INDArray dk, INDArray pk, INDArray bias, int[] s, int[] d,
            boolean same) {
        int batch = (int) x.size(0);
        int h = (int) x.size(1);
        int w = (int) x.size(2);
        int channels = (int) x.size(3);
        int kh = (int) dk.size(0);
        int kw = (int) dk.size(1);
        int multiplier = (int) dk.size(3);
        int filters = (int) pk.size(3);
        int ekh = (kh - 1) * d[0] + 1;
        int ekw = (kw - 1) * d[1] + 1;
        int oh = same ? (h + s[0] - 1) / s[0] : (h - ekh) / s[0] + 1;
        int ow = same ? (w + s[1] - 1) / s[1] : (w - ekw) / s[1] + 1;
        int top = same ? Math.max(0, (oh - 1) * s[0] + ekh - h) / 2 : 0;
        int left = same ? Math.max(0, (ow - 1) * s[1] + ekw - w) / 2 : 0;
        double[][][][] out = new double[batch][oh][ow][filters];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double[] depthwise = new double[channels * multiplier];
                    for (int c = 0; c < channels; c++) {
                        for (int m = 0; m < multiplier; m++) {
                            for (int p = 0; p < kh; p++) {
                                for (int q = 0; q < kw; q++) {
                                    int y = i * s[0] + p * d[0] - top;
                                    int xx = j * s[1] + q * d[1] - left;
                                    if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                        depthwise[c * multiplier + m] += x.getDouble(b, y, xx, c) * dk.getDouble(p, q, c, m);
                                    }
                                }
                            }
                        }
                    }
                    for (int f = 0; f < filters; f++) {
                        double sum = bias == null ? 0 : bias.getDouble(f);
                        for (int k = 0; k < depthwise.length; k++) {
                            sum += depthwise[k] * pk.getDouble(0, 0, k, f);
                        }
                        out[b][i][j][f] = sum;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void keepsKerasNameClassAndConfigInKerasOrder() {
        SeparableConv2D conv = new SeparableConv2D(8, 3);
        assertThat(conv.className()).isEqualTo("SeparableConv2D");
        assertThat(conv.namePrefix()).isEqualTo("separable_conv2d");
        Map<String, Object> c = conv.getConfig();
        assertThat(c.keySet()).containsExactly(concat(new String[] {"name", "trainable", "dtype"}, CONFIG_KEYS));
        assertThat(c).containsEntry("kernel_size", List.of(3, 3)).containsEntry("strides", List.of(1, 1))
                .containsEntry("padding", "valid").containsEntry("data_format", "channels_last")
                .containsEntry("dilation_rate", List.of(1, 1)).containsEntry("depth_multiplier", 1)
                .containsEntry("activation", "linear").containsEntry("use_bias", true)
                .doesNotContainKeys("kernel_initializer", "kernel_regularizer", "kernel_constraint");
        assertThat(((Map<?, ?>) c.get("depthwise_initializer")).get("class_name")).isEqualTo("GlorotUniform");
        assertThat(((Map<?, ?>) c.get("pointwise_initializer")).get("class_name")).isEqualTo("GlorotUniform");
    }

    @Test
    void rejectsInvalidArgumentsNamingThem() {
        assertThatThrownBy(() -> new SeparableConv2D(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: filters=0");
        assertThatThrownBy(() -> new SeparableConv2D(2, 3, 3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: kernel_size=(3, 3, 3)");
        assertThatThrownBy(() -> SeparableConv2D.builder(2, 3).depthMultiplier(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: depth_multiplier=0");
        assertThatThrownBy(() -> SeparableConv2D.builder(2, 3).padding("causal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: padding=causal");
        assertThatThrownBy(() -> SeparableConv2D.builder(2, 3).strides(2).dilationRate(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`strides > 1` not supported");
        assertThatThrownBy(() -> new SeparableConv2D(2, 3).computeOutputShape(new long[] {5, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ndim=4, found ndim=3");
    }

    @Test
    void weightsAndParameterCountsFollowKerasLayout() {
        for (boolean channelsFirst : new boolean[] {false, true}) {
            for (int multiplier : new int[] {1, 3}) {
                SeparableConv2D conv = built(SeparableConv2D.builder(5, 3, 2).depthMultiplier(multiplier)
                        .dataFormat(channelsFirst ? "channels_first" : null).build(),
                        channelsFirst ? new long[] {4, 6, 7} : new long[] {6, 7, 4});
                assertThat(conv.weights()).extracting(Weight::name)
                        .containsExactly("depthwise_kernel", "pointwise_kernel", "bias");
                assertThat(conv.weights().get(0).shape()).containsExactly(3, 2, 4, multiplier);
                assertThat(conv.weights().get(1).shape()).containsExactly(1, 1, 4 * multiplier, 5);
                // kh·kw·in·M + in·M·filters + filters
                assertThat(conv.countParams()).isEqualTo(3L * 2 * 4 * multiplier + 4L * multiplier * 5 + 5);
                // valid: (6 − 3) + 1 rows, (7 − 2) + 1 cols
                assertThat(conv.computeOutputShape(channelsFirst ? new long[] {4, 6, 7} : new long[] {6, 7, 4}))
                        .containsExactly(channelsFirst ? new long[] {5, 4, 6} : new long[] {4, 6, 5});
            }
        }
    }

    @Test
    void computesTheDepthwiseThenPointwiseSumInEveryMode() {
        Random r = new Random(21);
        // {kh, kw, sh, sw, dh, dw, same, multiplier}
        int[][] cases = {{3, 3, 1, 1, 1, 1, 0, 1}, {3, 2, 2, 1, 1, 1, 1, 2}, {2, 2, 1, 1, 2, 2, 1, 3}, {4, 3, 3, 2, 1, 1, 1, 1}};
        for (int[] t : cases) {
            for (boolean channelsFirst : new boolean[] {false, true}) {
                INDArray x = Nd4j.create(r.doubles(2 * 7 * 6 * 3, -1, 1).toArray(), new long[] {2, 7, 6, 3},
                        DataType.DOUBLE);
                SeparableConv2D conv = built(SeparableConv2D.builder(2, t[0], t[1]).strides(t[2], t[3])
                        .dilationRate(t[4], t[5]).padding(t[6] == 1 ? "same" : "valid").depthMultiplier(t[7])
                        .biasInitializer("glorot_uniform").dataFormat(channelsFirst ? "channels_first" : null).build(),
                        channelsFirst ? new long[] {3, 7, 6} : new long[] {7, 6, 3});
                List<INDArray> w = conv.getWeights();
                double[][][][] expected = direct(x, w.get(0), w.get(1), w.get(2), new int[] {t[2], t[3]},
                        new int[] {t[4], t[5]}, t[6] == 1);
                INDArray out = conv.call(channelsFirst ? x.permute(0, 3, 1, 2).dup() : x, false);
                INDArray outLast = channelsFirst ? out.permute(0, 2, 3, 1) : out;
                assertThat(outLast.shape()).containsExactly(2, expected[0].length, expected[0][0].length, 2);
                for (int b = 0; b < 2; b++) {
                    for (int i = 0; i < expected[0].length; i++) {
                        for (int j = 0; j < expected[0][0].length; j++) {
                            for (int f = 0; f < 2; f++) {
                                assertThat(outLast.getDouble(b, i, j, f)).isCloseTo(expected[b][i][j][f], within(1e-12));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void satisfiesLayerContractInEveryPaddingStrideDilationFormatAndMultiplier() {
        // {kh, kw, sh, sw, dh, dw, same, channels first, bias, multiplier}
        int[][] modes = {
            {2, 2, 1, 1, 1, 1, 0, 0, 1, 1}, {2, 3, 2, 1, 1, 1, 1, 1, 0, 2}, {2, 2, 1, 1, 2, 1, 1, 0, 0, 2},
            {3, 2, 2, 2, 1, 1, 0, 1, 1, 1}
        };
        for (int[] t : modes) {
            boolean channelsFirst = t[7] == 1;
            LayerContract.check(
                    () -> SeparableConv2D.builder(2, t[0], t[1]).strides(t[2], t[3]).dilationRate(t[4], t[5])
                            .padding(t[6] == 1 ? "same" : "valid").useBias(t[8] == 1).depthMultiplier(t[9])
                            .activation("tanh").biasInitializer("glorot_uniform")
                            .dataFormat(channelsFirst ? "channels_first" : "channels_last").build(),
                    channelsFirst ? new long[] {2, 3, 4} : new long[] {3, 4, 2},
                    CONFIG_KEYS);
        }
    }
}
