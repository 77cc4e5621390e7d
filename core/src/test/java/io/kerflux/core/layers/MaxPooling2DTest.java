package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.testing.KerasJsVectors;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MaxPooling2DTest {

    private static <L extends Layer> L built(L layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameClassAndDefaults() {
        MaxPooling2D p = new MaxPooling2D();
        assertThat(p.namePrefix()).isEqualTo("max_pooling2d");
        assertThat(p.className()).isEqualTo("MaxPooling2D");
        assertThat(p.getConfig()).containsEntry("pool_size", List.of(2, 2)).containsEntry("padding", "valid")
                .containsEntry("strides", List.of(2, 2)).containsEntry("data_format", "channels_last");
        assertThat(new MaxPooling2D(3).poolSize()).containsExactly(3, 3);
        assertThat(new MaxPooling2D(3, 2).strides()).containsExactly(3, 2);
    }

    @Test
    void writesKerasConfigKeysInKerasOrder() {
        MaxPooling2D p = MaxPooling2D.builder().poolSize(3, 2).strides(1).padding("SAME").dataFormat("channels_first")
                .name("pool").build();
        assertThat(p.getConfig().keySet())
                .containsExactly("name", "trainable", "dtype", "pool_size", "padding", "strides", "data_format");
        assertThat(p.getConfig()).containsEntry("name", "pool").containsEntry("pool_size", List.of(3, 2))
                .containsEntry("padding", "same").containsEntry("strides", List.of(1, 1))
                .containsEntry("data_format", "channels_first");
    }

    @Test
    void outputShapesAndParameterCountMatchKeras() {
        // rows = floor((6 − 3) / 2) + 1 = 2, cols = floor((7 − 3) / 2) + 1 = 3 with "valid"; ceil(6/2)=3, ceil(7/2)=4 with "same"
        MaxPooling2D valid = built(MaxPooling2D.builder().poolSize(3).strides(2).build(), 6, 7, 5);
        assertThat(valid.computeOutputShape(new long[] {6, 7, 5})).containsExactly(2, 3, 5);
        assertThat(valid.countParams()).isZero();
        MaxPooling2D same = MaxPooling2D.builder().poolSize(3).strides(2).padding("same").dataFormat("channels_first").build();
        assertThat(same.computeOutputShape(new long[] {5, 6, 7})).containsExactly(5, 3, 4);
    }

    @Test
    void reproducesEveryKerasJsCase() {
        record Case(int[] pool, int[] strides, String padding, String format) { }
        List<Case> cases = List.of(
                new Case(new int[] {2, 2}, null, "valid", "channels_last"),
                new Case(new int[] {2, 2}, new int[] {1, 1}, "valid", "channels_last"),
                new Case(new int[] {2, 2}, new int[] {2, 1}, "valid", "channels_last"),
                new Case(new int[] {3, 3}, null, "valid", "channels_last"),
                new Case(new int[] {3, 3}, new int[] {3, 3}, "valid", "channels_last"),
                new Case(new int[] {2, 2}, null, "same", "channels_last"),
                new Case(new int[] {2, 2}, new int[] {1, 1}, "same", "channels_last"),
                new Case(new int[] {2, 2}, new int[] {2, 1}, "same", "channels_last"),
                new Case(new int[] {3, 3}, null, "same", "channels_last"),
                new Case(new int[] {3, 3}, new int[] {3, 3}, "same", "channels_last"),
                new Case(new int[] {3, 3}, new int[] {2, 2}, "valid", "channels_first"),
                new Case(new int[] {3, 3}, new int[] {1, 1}, "same", "channels_first"),
                new Case(new int[] {2, 2}, null, "valid", "channels_first"));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            KerasJsVectors.Case v = KerasJsVectors.load("MaxPooling2D.json", "pooling.MaxPooling2D." + i);
            MaxPooling2D.Builder b = MaxPooling2D.builder().poolSize(c.pool()).padding(c.padding()).dataFormat(c.format());
            if (c.strides() != null) {
                b.strides(c.strides());
            }
            long[] inShape = Arrays.copyOfRange(v.input().shape(), 1, 4);
            MaxPooling2D p = built(b.build(), inShape);
            INDArray out = p.call(v.input(), false);
            assertThat(out.shape()).as("case %d shape", i).isEqualTo(v.expected().shape());
            double[] actual = values(out);
            double[] expected = values(v.expected());
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).as("case %d value %d", i, k).isCloseTo(expected[k], within(1e-5));
            }
        }
    }

    @Test
    void matchesTensorFlowPoolingForEveryPaddingStrideAndFormat() {
        Random random = new Random(7);
        for (String padding : new String[] {"valid", "same"}) {
            for (int[] pool : new int[][] {{2, 2}, {3, 2}}) {
                for (int[] strides : new int[][] {{1, 1}, {2, 3}, {3, 3}}) {
                    INDArray x = PoolingReference.random(random, 2, 7, 6, 3);
                    INDArray expected = PoolingReference.pool2d(x, pool, strides, padding.equals("same"), true);
                    MaxPooling2D last = built(MaxPooling2D.builder().poolSize(pool).strides(strides).padding(padding).build(),
                            7, 6, 3);
                    assertThat(values(last.call(x, true))).isEqualTo(values(expected));
                    MaxPooling2D first = built(MaxPooling2D.builder().poolSize(pool).strides(strides).padding(padding)
                            .dataFormat("channels_first").build(), 3, 7, 6);
                    INDArray out = first.call(x.permute(0, 3, 1, 2).dup(), true);
                    assertThat(values(out.permute(0, 2, 3, 1))).isEqualTo(values(expected));
                }
            }
        }
    }

    @Test
    void paddedCellsNeverWinTheMaximum() {
        // all values negative: a padded zero would win if padding counted; windows are (0,1) and (2) by hand
        MaxPooling2D p = built(MaxPooling2D.builder().poolSize(2, 1).padding("same").build(), 3, 1, 1);
        INDArray x = Nd4j.create(new double[] {-3, -1, -2}, new long[] {1, 3, 1, 1}, DataType.DOUBLE);
        assertThat(values(p.call(x, false))).containsExactly(-1, -2);
    }

    @Test
    void gradientGoesToTheFirstMaximumOfEachWindowAsTensorFlow() {
        // two 2×2 windows: all zeros (ReLU output) and a tie of 2s; TensorFlow's MaxPoolGrad picks the first in row-major order
        MaxPooling2D p = built(new MaxPooling2D(), 2, 4, 1);
        INDArray x = Nd4j.create(new double[] {0, 0, 1, 2, 0, 0, 2, 0}, new long[] {1, 2, 4, 1}, DataType.DOUBLE);
        p.call(x, true);
        INDArray g = p.backprop(Nd4j.create(new double[] {5, 7}, new long[] {1, 1, 2, 1}, DataType.DOUBLE), true);
        assertThat(values(g)).containsExactly(5, 0, 0, 7, 0, 0, 0, 0);
    }

    @Test
    void float32PoolsAndRoutesGradientsExactlyAsFloat64() {
        // float32 values are exact in float64, so both precisions must pick the same maxima; where
        // windows overlap, a float32 sum of two gradients may round in its last bit
        Random random = new Random(11);
        for (String padding : new String[] {"valid", "same"}) {
            for (String format : new String[] {"channels_last", "channels_first"}) {
                INDArray x = PoolingReference.random(random, 2, 7, 6, 3).castTo(DataType.FLOAT).castTo(DataType.DOUBLE);
                long[] inShape = {7, 6, 3};
                MaxPooling2D.Builder b = MaxPooling2D.builder().poolSize(3, 2).strides(1, 2).padding(padding)
                        .dataFormat(format);
                MaxPooling2D wide = built(b.build(), inShape);
                MaxPooling2D narrow = b.build();
                narrow.build(inShape, new BuildContext(DataType.FLOAT, new Random(1)));
                INDArray out = wide.call(x, true);
                INDArray outFloat = narrow.call(x.castTo(DataType.FLOAT), true);
                assertThat(outFloat.dataType()).isEqualTo(DataType.FLOAT);
                assertThat(values(outFloat)).isEqualTo(values(out));
                INDArray gradOut = PoolingReference.random(random, out.shape()).castTo(DataType.FLOAT).castTo(DataType.DOUBLE);
                double[] expected = values(wide.backprop(gradOut, true));
                double[] actual = values(narrow.backprop(gradOut.castTo(DataType.FLOAT), true));
                for (int k = 0; k < expected.length; k++) {
                    assertThat(actual[k]).as("%s %s gradient %d", padding, format, k).isCloseTo(expected[k], within(1e-6));
                }
            }
        }
    }

    @Test
    void poolsViewsOfLargerArrays() {
        // a strided view (every other sample) must pool like its dense copy
        MaxPooling2D p = built(new MaxPooling2D(), 4, 4, 2);
        INDArray all = PoolingReference.random(new Random(5), 4, 4, 4, 2);
        INDArray view = all.get(NDArrayIndex.interval(0, 2, 4), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray expected = PoolingReference.pool2d(view.dup(), new int[] {2, 2}, new int[] {2, 2}, false, true);
        assertThat(values(p.call(view, true))).isEqualTo(values(expected));
        INDArray gradOut = Nd4j.ones(DataType.DOUBLE, 4, 2, 2, 2).get(NDArrayIndex.interval(0, 2, 4),
                NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        assertThat(p.backprop(gradOut, true).sumNumber().doubleValue()).isEqualTo(16.0);
    }

    @Test
    void satisfiesLayerContractInEveryPaddingAndFormat() {
        for (String padding : new String[] {"valid", "same"}) {
            for (String format : new String[] {"channels_last", "channels_first"}) {
                LayerContract.check(() -> MaxPooling2D.builder().poolSize(2, 3).strides(1, 2).padding(padding)
                                .dataFormat(format).build(),
                        format.equals("channels_last") ? new long[] {3, 4, 2} : new long[] {2, 3, 4},
                        "pool_size", "padding", "strides", "data_format");
            }
        }
    }
}
