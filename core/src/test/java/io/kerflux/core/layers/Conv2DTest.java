package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.regularizers.Regularizers;
import io.kerflux.core.testing.KerasJsVectors;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Conv2DTest {
    private static final String[] CONFIG_KEYS = {
        "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation", "use_bias",
        "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
        "kernel_constraint", "bias_constraint"
    };

    private static Conv2D built(Conv2D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(7)));
        return layer;
    }

    private static INDArray random(Random r, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        return Nd4j.create(r.doubles(n, -1, 1).toArray(), shape, DataType.DOUBLE);
    }

    /**
     * The Keras (TensorFlow) cross-correlation written out: out[b,i,j,f] = bias[f] + Σ x[b, i·s +
     * p·d − padTop, j·s + q·d − padLeft, c] · k[p,q,c,f], with "same" padding of total
     * max((out−1)·s + (k−1)·d + 1 − in, 0), its floor half before.
     */
    private static double[][][][] direct(INDArray x, INDArray k, double[] bias, int[] s, int[] d, boolean same) {
        int batch = (int) x.size(0);
        int h = (int) x.size(1);
        int w = (int) x.size(2);
        int c = (int) x.size(3);
        int kh = (int) k.size(0);
        int kw = (int) k.size(1);
        int f = (int) k.size(3);
        int ekh = (kh - 1) * d[0] + 1;
        int ekw = (kw - 1) * d[1] + 1;
        int oh = same ? (h + s[0] - 1) / s[0] : (h - ekh) / s[0] + 1;
        int ow = same ? (w + s[1] - 1) / s[1] : (w - ekw) / s[1] + 1;
        int top = same ? Math.max(0, (oh - 1) * s[0] + ekh - h) / 2 : 0;
        int left = same ? Math.max(0, (ow - 1) * s[1] + ekw - w) / 2 : 0;
        double[][][][] out = new double[batch][oh][ow][f];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < f; o++) {
                        double sum = bias[o];
                        for (int p = 0; p < kh; p++) {
                            for (int q = 0; q < kw; q++) {
                                int y = i * s[0] + p * d[0] - top;
                                int xx = j * s[1] + q * d[1] - left;
                                if (y < 0 || y >= h || xx < 0 || xx >= w) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    sum += x.getDouble(b, y, xx, ch) * k.getDouble(p, q, ch, o);
                                }
                            }
                        }
                        out[b][i][j][o] = sum;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void keepsKerasNameClassAndDefaultConfig() {
        Conv2D conv = new Conv2D(8, 3);
        assertThat(conv.className()).isEqualTo("Conv2D");
        assertThat(conv.namePrefix()).isEqualTo("conv2d");
        Map<String, Object> c = conv.getConfig();
        assertThat(c).containsEntry("filters", 8)
                .containsEntry("kernel_size", List.of(3, 3))
                .containsEntry("strides", List.of(1, 1))
                .containsEntry("padding", "valid")
                .containsEntry("data_format", "channels_last")
                .containsEntry("dilation_rate", List.of(1, 1))
                .containsEntry("activation", "linear")
                .containsEntry("use_bias", true)
                .containsEntry("kernel_regularizer", null)
                .containsEntry("activity_regularizer", null)
                .containsEntry("bias_constraint", null);
        assertThat(((Map<?, ?>) c.get("kernel_initializer")).get("class_name")).isEqualTo("GlorotUniform");
        assertThat(((Map<?, ?>) c.get("bias_initializer")).get("class_name")).isEqualTo("Zeros");
    }

    @Test
    void configKeepsEveryArgumentAsKerasWritesIt() {
        Conv2D conv = Conv2D.builder(4, 3, 5).strides(2, 1).padding("SAME").dataFormat("Channels_First")
                .activation("relu").useBias(false).kernelRegularizer(Regularizers.l2(0.01)).build();
        Map<String, Object> c = conv.getConfig();
        assertThat(c).containsEntry("kernel_size", List.of(3, 5))
                .containsEntry("strides", List.of(2, 1))
                .containsEntry("padding", "same")
                .containsEntry("data_format", "channels_first")
                .containsEntry("activation", "relu")
                .containsEntry("use_bias", false);
        assertThat(((Map<?, ?>) c.get("kernel_regularizer")).get("class_name")).isEqualTo("L1L2");
        assertThat(Conv2D.builder(2, 3).dilationRate(2).build().getConfig()).containsEntry("dilation_rate", List.of(2, 2));
    }

    @Test
    void rejectsInvalidArgumentsNamingThem() {
        assertThatThrownBy(() -> new Conv2D(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: filters=0");
        assertThatThrownBy(() -> new Conv2D(2, 3, 3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`kernel_size` argument must be a tuple of 2 integers")
                .hasMessageContaining("Received: kernel_size=(3, 3, 3)");
        assertThatThrownBy(() -> new Conv2D(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: kernel_size=()");
        assertThatThrownBy(() -> new Conv2D(2, 0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive integers. Received: kernel_size=(0, 3)");
        assertThatThrownBy(() -> Conv2D.builder(2, 3).strides(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: strides=(0,)");
        assertThatThrownBy(() -> Conv2D.builder(2, 3).dilationRate(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: dilation_rate=(1, -1)");
        assertThatThrownBy(() -> Conv2D.builder(2, 3).padding("causal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: padding=causal");
        assertThatThrownBy(() -> Conv2D.builder(2, 3).padding("full")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: padding=full");
        assertThatThrownBy(() -> Conv2D.builder(2, 3).dataFormat("nhwc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: data_format=nhwc");
        assertThatThrownBy(() -> Conv2D.builder(2, 3).strides(2, 1).dilationRate(1, 2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`strides > 1` not supported in conjunction with `dilation_rate > 1`")
                .hasMessageContaining("strides=(2, 1) and dilation_rate=(1, 2)");
    }

    @Test
    void rejectsInputsOfTheWrongRankOrTooSmallForTheKernel() {
        assertThatThrownBy(() -> new Conv2D(2, 3).computeOutputShape(new long[] {5, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=4, found ndim=3");
        assertThatThrownBy(() -> Conv2D.builder(2, 3).dilationRate(2).build().computeOutputShape(new long[] {4, 9, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smaller than its dilated kernel");
        Conv2D conv = built(new Conv2D(2, 3), 5, 5, 2);
        assertThatThrownBy(() -> conv.call(Nd4j.create(DataType.DOUBLE, 1, 5, 5, 3), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis -1 of input shape to have value 2");
    }

    @Test
    void outputShapesAndParameterCountsFollowKerasFormulas() {
        // {in rows, in cols, channels, filters, kh, kw, sh, sw, dh, dw, same}
        int[][] cases = {
            {5, 5, 2, 4, 3, 3, 1, 1, 1, 1, 0}, {7, 7, 3, 5, 4, 4, 2, 1, 1, 1, 0}, {6, 3, 1, 4, 3, 3, 3, 2, 1, 1, 1},
            {8, 8, 2, 4, 3, 3, 1, 1, 4, 4, 1}, {9, 6, 3, 2, 2, 3, 1, 1, 3, 2, 0}, {5, 7, 1, 3, 1, 1, 2, 3, 1, 1, 1}
        };
        for (int[] t : cases) {
            for (boolean channelsFirst : new boolean[] {false, true}) {
                for (boolean useBias : new boolean[] {true, false}) {
                    Conv2D conv = Conv2D.builder(t[3], t[4], t[5]).strides(t[6], t[7]).dilationRate(t[8], t[9])
                            .padding(t[10] == 1 ? "same" : "valid").useBias(useBias)
                            .dataFormat(channelsFirst ? "channels_first" : "channels_last").build();
                    long[] in = channelsFirst ? new long[] {t[2], t[0], t[1]} : new long[] {t[0], t[1], t[2]};
                    built(conv, in);
                    // valid: floor((in − ((k−1)·d + 1)) / s) + 1; same: ceil(in / s)
                    long rows = t[10] == 1 ? (t[0] + t[6] - 1) / t[6] : (t[0] - ((t[4] - 1) * t[8] + 1)) / t[6] + 1;
                    long cols = t[10] == 1 ? (t[1] + t[7] - 1) / t[7] : (t[1] - ((t[5] - 1) * t[9] + 1)) / t[7] + 1;
                    assertThat(conv.computeOutputShape(in))
                            .containsExactly(channelsFirst ? new long[] {t[3], rows, cols} : new long[] {rows, cols, t[3]});
                    assertThat(conv.weights().get(0).shape()).containsExactly(t[4], t[5], t[2], t[3]);
                    assertThat(conv.countParams()).isEqualTo((long) t[4] * t[5] * t[2] * t[3] + (useBias ? t[3] : 0));
                }
            }
        }
    }

    @Test
    void reproducesEveryKerasJsConv2DCase() {
        // {case, kh, kw, sh, sw, same, dilation, relu, bias} from kerasjs/README.md
        int[][] cases = {
            {0, 3, 3, 1, 1, 0, 1, 0, 1}, {1, 3, 3, 1, 1, 0, 1, 0, 0}, {2, 3, 3, 2, 2, 0, 1, 1, 1},
            {3, 4, 4, 2, 1, 0, 1, 1, 1}, {4, 3, 3, 1, 1, 1, 1, 1, 1}, {5, 3, 3, 2, 2, 1, 1, 1, 1},
            {6, 3, 3, 3, 2, 1, 1, 1, 1}, {7, 3, 3, 1, 1, 0, 2, 0, 1}, {8, 3, 3, 1, 1, 0, 2, 0, 0},
            {9, 3, 3, 1, 1, 0, 3, 1, 1}, {10, 4, 4, 1, 1, 1, 2, 1, 1}, {11, 3, 3, 1, 1, 1, 4, 1, 1}
        };
        for (int[] t : cases) {
            KerasJsVectors.Case v = KerasJsVectors.load("Conv2D.json", "convolutional.Conv2D." + t[0]);
            int filters = (int) v.weights().get(0).size(3);
            Conv2D conv = Conv2D.builder(filters, t[1], t[2]).strides(t[3], t[4]).padding(t[5] == 1 ? "same" : "valid")
                    .dilationRate(t[6]).activation(t[7] == 1 ? "relu" : "linear").useBias(t[8] == 1).build();
            long[] in = v.input().shape();
            built(conv, in[1], in[2], in[3]);
            conv.setWeights(v.weights());
            INDArray out = conv.call(v.input(), false);
            assertThat(out.shape()).as("case %d shape", t[0]).isEqualTo(v.expected().shape());
            double[] expected = values(v.expected());
            double[] actual = values(out);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("case %d value %d", t[0], i).isCloseTo(expected[i], within(1e-5));
            }
        }
    }

    @Test
    void channelsFirstComputesTheSameCrossCorrelationAsTheDirectSum() {
        Random r = new Random(11);
        // {kh, kw, sh, sw, dh, dw, same}
        int[][] cases = {{3, 3, 1, 1, 1, 1, 0}, {3, 2, 2, 2, 1, 1, 1}, {4, 4, 3, 2, 1, 1, 1}, {2, 3, 1, 1, 3, 2, 1}};
        for (int[] t : cases) {
            for (boolean channelsFirst : new boolean[] {false, true}) {
                INDArray x = random(r, 2, 7, 6, 3);
                Conv2D conv = Conv2D.builder(2, t[0], t[1]).strides(t[2], t[3]).dilationRate(t[4], t[5])
                        .padding(t[6] == 1 ? "same" : "valid").biasInitializer("glorot_uniform")
                        .dataFormat(channelsFirst ? "channels_first" : "channels_last").build();
                built(conv, channelsFirst ? new long[] {3, 7, 6} : new long[] {7, 6, 3});
                INDArray k = conv.weights().get(0).value();
                double[] bias = conv.weights().get(1).value().toDoubleVector();
                double[][][][] expected = direct(x, k, bias, new int[] {t[2], t[3]}, new int[] {t[4], t[5]}, t[6] == 1);
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
    void softmaxActsOnTheLastAxisOfTheOutputAsInKeras() {
        Conv2D conv = built(Conv2D.builder(2, 1).activation("softmax").dataFormat("channels_first").build(), 3, 2, 4);
        INDArray out = conv.call(random(new Random(3), 1, 3, 2, 4), false);
        // channels_first output (1, 2, 2, 4): Keras' softmax normalizes the width axis
        for (double sum : values(out.sum(3))) {
            assertThat(sum).isCloseTo(1.0, within(1e-12));
        }
        assertThat(values(out.sum(1))).doesNotContain(1.0);
    }

    @Test
    void float32MatchesFloat64InEveryPaddingStrideDilationAndFormat() {
        // float32 channels-last gathers its columns in Java; {kh, kw, sh, sw, dh, dw, same, channels, channels first}
        int[][] modes = {
            {3, 3, 1, 1, 1, 1, 0, 1, 0}, {3, 3, 1, 1, 1, 1, 0, 3, 0}, {3, 2, 2, 1, 1, 1, 1, 3, 0},
            {2, 2, 2, 2, 1, 1, 1, 1, 0}, {3, 3, 1, 1, 2, 1, 1, 2, 0}, {2, 3, 1, 1, 1, 2, 0, 2, 0},
            {3, 3, 2, 2, 1, 1, 1, 2, 1}
        };
        for (int[] t : modes) {
            for (String activation : new String[] {"relu", "linear"}) {
                boolean channelsFirst = t[8] == 1;
                Float32Check.check(() -> Conv2D.builder(4, t[0], t[1]).strides(t[2], t[3]).dilationRate(t[4], t[5])
                                .padding(t[6] == 1 ? "same" : "valid").activation(activation)
                                .biasInitializer("glorot_uniform")
                                .dataFormat(channelsFirst ? "channels_first" : "channels_last").build(),
                        channelsFirst ? new long[] {t[7], 6, 7} : new long[] {6, 7, t[7]}, 3, 11);
            }
        }
    }

    @Test
    void reusedBuffersDoNotLeakIntoEarlierOutputsOrIntoOtherBatchSizes() {
        // the caller keeps every output; later calls and batch sizes must not change it
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (String activation : new String[] {"relu", "linear"}) {
                Conv2D layer = Conv2D.builder(3, 3).activation(activation).build();
                layer.build(new long[] {5, 5, 2}, new BuildContext(dtype, new Random(3)));
                Random r = new Random(4);
                INDArray x1 = random(r, 2, 5, 5, 2).castTo(dtype);
                INDArray first = layer.call(x1, true);
                double[] kept = values(first);
                layer.backprop(Nd4j.onesLike(first), true);
                layer.call(random(r, 2, 5, 5, 2).castTo(dtype), true);
                layer.call(random(r, 3, 5, 5, 2).castTo(dtype), true);
                assertThat(values(first)).as("%s %s", dtype, activation).containsExactly(kept);
                assertThat(values(layer.call(x1, false))).as("%s %s", dtype, activation).containsExactly(kept);
            }
        }
    }

    @Test
    void satisfiesLayerContractInEveryPaddingStrideDilationAndFormat() {
        // {kh, kw, sh, sw, dh, dw, same, channels first, bias}: each mode at least once in each format
        int[][] modes = {
            {2, 2, 1, 1, 1, 1, 0, 0, 1}, {2, 2, 1, 1, 1, 1, 1, 1, 0}, {2, 3, 2, 1, 1, 1, 1, 0, 0},
            {3, 2, 2, 2, 1, 1, 0, 1, 1}, {2, 2, 1, 1, 2, 1, 1, 0, 1}, {2, 2, 1, 1, 1, 2, 0, 1, 0},
            {2, 3, 2, 2, 1, 1, 1, 1, 1}
        };
        for (int[] t : modes) {
            boolean channelsFirst = t[7] == 1;
            // softmax once, channels first, where its axis (the width) differs from the channels
            String activation = t[7] == 1 && t[8] == 1 && t[6] == 1 ? "softmax" : "tanh";
            LayerContract.check(
                    () -> Conv2D.builder(2, t[0], t[1]).strides(t[2], t[3]).dilationRate(t[4], t[5])
                            .padding(t[6] == 1 ? "same" : "valid").useBias(t[8] == 1).activation(activation)
                            .biasInitializer("glorot_uniform")
                            .dataFormat(channelsFirst ? "channels_first" : "channels_last").build(),
                    channelsFirst ? new long[] {2, 3, 4} : new long[] {3, 4, 2},
                    CONFIG_KEYS);
        }
    }
}
