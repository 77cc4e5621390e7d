package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AveragePooling2DTest {

    private static AveragePooling2D built(AveragePooling2D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void keepsKerasNameClassAndDefaults() {
        AveragePooling2D p = new AveragePooling2D();
        assertThat(p.namePrefix()).isEqualTo("average_pooling2d");
        assertThat(p.className()).isEqualTo("AveragePooling2D");
        assertThat(p.getConfig().keySet())
                .containsExactly("name", "trainable", "dtype", "pool_size", "padding", "strides", "data_format");
        assertThat(p.getConfig()).containsEntry("pool_size", List.of(2, 2)).containsEntry("strides", List.of(2, 2))
                .containsEntry("padding", "valid").containsEntry("data_format", "channels_last");
    }

    @Test
    void sameAveragesOverTheRealCellsOnly() {
        // [[1, 2], [3, 4]], pool 2, stride 1, "same": one padded row and column after; by hand
        // (1+2+3+4)/4, (2+4)/2, (3+4)/2, 4/1
        AveragePooling2D p = built(AveragePooling2D.builder().strides(1).padding("same").build(), 2, 2, 1);
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 2, 2, 1}, DataType.DOUBLE);
        assertThat(values(p.call(x, false))).containsExactly(2.5, 3, 3.5, 4);
    }

    @Test
    void matchesTensorFlowPoolingForEveryPaddingStrideAndFormat() {
        Random random = new Random(11);
        for (String padding : new String[] {"valid", "same"}) {
            for (int[] pool : new int[][] {{2, 2}, {3, 2}}) {
                for (int[] strides : new int[][] {{1, 1}, {2, 3}, {3, 3}}) {
                    INDArray x = PoolingReference.random(random, 2, 7, 6, 3);
                    double[] expected = values(PoolingReference.pool2d(x, pool, strides, padding.equals("same"), false));
                    AveragePooling2D last = built(AveragePooling2D.builder().poolSize(pool).strides(strides)
                            .padding(padding).build(), 7, 6, 3);
                    assertClose(values(last.call(x, true)), expected);
                    AveragePooling2D first = built(AveragePooling2D.builder().poolSize(pool).strides(strides)
                            .padding(padding).dataFormat("channels_first").build(), 3, 7, 6);
                    INDArray out = first.call(x.permute(0, 3, 1, 2).dup(), true);
                    assertClose(values(out.permute(0, 2, 3, 1)), expected);
                }
            }
        }
    }

    @Test
    void satisfiesLayerContractInEveryPaddingAndFormat() {
        for (String padding : new String[] {"valid", "same"}) {
            for (String format : new String[] {"channels_last", "channels_first"}) {
                LayerContract.check(() -> AveragePooling2D.builder().poolSize(2, 3).strides(1, 2).padding(padding)
                                .dataFormat(format).build(),
                        format.equals("channels_last") ? new long[] {3, 4, 2} : new long[] {2, 3, 4},
                        "pool_size", "padding", "strides", "data_format");
            }
        }
    }
}
