package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ZeroPadding2DTest {

    private static ZeroPadding2D built(ZeroPadding2D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    /** x[b, i, j, k] = 1 + 1000·b + 100·i + 10·j + k, so every value names its position. */
    private static INDArray positions(int... shape) {
        INDArray x = Nd4j.create(DataType.DOUBLE, shape[0], shape[1], shape[2], shape[3]);
        for (int b = 0; b < shape[0]; b++) {
            for (int i = 0; i < shape[1]; i++) {
                for (int j = 0; j < shape[2]; j++) {
                    for (int k = 0; k < shape[3]; k++) {
                        x.putScalar(new long[] {b, i, j, k}, 1 + 1000 * b + 100 * i + 10 * j + k);
                    }
                }
            }
        }
        return x;
    }

    @Test
    void keepsKerasNameClassAndDefaultConfig() {
        ZeroPadding2D pad = new ZeroPadding2D();
        assertThat(pad.className()).isEqualTo("ZeroPadding2D");
        assertThat(pad.namePrefix()).isEqualTo("zero_padding2d");
        assertThat(pad.getConfig()).containsEntry("padding", List.of(List.of(1, 1), List.of(1, 1)))
                .containsEntry("data_format", "channels_last");
    }

    @Test
    void acceptsTheThreeKerasPaddingForms() {
        assertThat(new ZeroPadding2D(2).getConfig()).containsEntry("padding", List.of(List.of(2, 2), List.of(2, 2)));
        assertThat(new ZeroPadding2D(1, 3).getConfig()).containsEntry("padding", List.of(List.of(1, 1), List.of(3, 3)));
        assertThat(new ZeroPadding2D(new int[][] {{0, 1}, {2, 3}}).getConfig())
                .containsEntry("padding", List.of(List.of(0, 1), List.of(2, 3)));
        assertThat(ZeroPadding2D.builder().padding(new int[][] {{2}, {0, 1}}).dataFormat("channels_first").build()
                .getConfig()).containsEntry("padding", List.of(List.of(2, 2), List.of(0, 1)))
                .containsEntry("data_format", "channels_first");
    }

    @Test
    void rejectsInvalidPaddingNamingIt() {
        assertThatThrownBy(() -> new ZeroPadding2D(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`padding` should be either an int").hasMessageContaining("Received: padding=(1, 2, 3)");
        assertThatThrownBy(() -> new ZeroPadding2D(new int[][] {{1, 1}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`padding` should have two elements");
        assertThatThrownBy(() -> new ZeroPadding2D(new int[][] {{1, 1}, {1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The `2nd entry of padding` argument must be a tuple of 2 integers")
                .hasMessageContaining("Received: padding=((1, 1), (1, 2, 3))");
        assertThatThrownBy(() -> new ZeroPadding2D(new int[][] {{1, -1}, {0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new ZeroPadding2D(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: padding=(-1,)");
        assertThatThrownBy(() -> ZeroPadding2D.builder().dataFormat("NCHW")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: data_format=NCHW");
        assertThatThrownBy(() -> new ZeroPadding2D().computeOutputShape(new long[] {3, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ndim=4, found ndim=3");
    }

    @Test
    void padsEachSideInEitherDataFormat() {
        int[][] padding = {{1, 2}, {0, 3}};
        for (boolean channelsFirst : new boolean[] {false, true}) {
            // channels last (2, 3, 2), channels first (2 channels, 3, 2)
            ZeroPadding2D pad = built(ZeroPadding2D.builder().padding(padding)
                    .dataFormat(channelsFirst ? "channels_first" : "channels_last").build(), channelsFirst
                    ? new long[] {2, 3, 2} : new long[] {3, 2, 2});
            INDArray x = channelsFirst ? positions(2, 2, 3, 2) : positions(2, 3, 2, 2);
            INDArray y = pad.call(x, false);
            assertThat(y.shape()).containsExactly(channelsFirst ? new long[] {2, 2, 6, 5} : new long[] {2, 6, 5, 2});
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < 6; i++) {
                        for (int j = 0; j < 5; j++) {
                            // row i of the output is input row i − 1 (top 1), column j is input column j (left 0)
                            boolean inside = i >= 1 && i < 4 && j < 2;
                            double expected = !inside ? 0
                                    : channelsFirst ? x.getDouble(b, c, i - 1, j) : x.getDouble(b, i - 1, j, c);
                            double actual = channelsFirst ? y.getDouble(b, c, i, j) : y.getDouble(b, i, j, c);
                            assertThat(actual).isEqualTo(expected);
                        }
                    }
                }
            }
            assertThat(LayerContract.values(pad.backprop(y, true))).containsExactly(LayerContract.values(x));
        }
    }

    @Test
    void satisfiesLayerContractInBothDataFormats() {
        LayerContract.check(ZeroPadding2D::new, new long[] {2, 3, 2}, "padding", "data_format");
        LayerContract.check(() -> ZeroPadding2D.builder().padding(new int[][] {{0, 2}, {1, 0}})
                .dataFormat("channels_first").build(), new long[] {2, 2, 3}, "padding", "data_format");
    }
}
