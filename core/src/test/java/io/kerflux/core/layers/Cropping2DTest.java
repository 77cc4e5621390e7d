package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Cropping2DTest {

    private static Cropping2D built(Cropping2D layer, long... inputShape) {
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
        Cropping2D crop = new Cropping2D();
        assertThat(crop.className()).isEqualTo("Cropping2D");
        assertThat(crop.namePrefix()).isEqualTo("cropping2d");
        assertThat(crop.getConfig()).containsEntry("cropping", List.of(List.of(0, 0), List.of(0, 0)))
                .containsEntry("data_format", "channels_last");
        assertThat(new Cropping2D(2).getConfig()).containsEntry("cropping", List.of(List.of(2, 2), List.of(2, 2)));
        assertThat(new Cropping2D(1, 3).getConfig()).containsEntry("cropping", List.of(List.of(1, 1), List.of(3, 3)));
        assertThat(new Cropping2D(new int[][] {{2, 2}, {4, 4}}).getConfig())
                .containsEntry("cropping", List.of(List.of(2, 2), List.of(4, 4)));
    }

    @Test
    void outputShapeMatchesTheKerasDocumentationExample() {
        // Keras docs: Cropping2D(cropping=((2, 2), (4, 4)), input_shape=(28, 28, 3)) gives (None, 24, 20, 3)
        assertThat(new Cropping2D(new int[][] {{2, 2}, {4, 4}}).computeOutputShape(new long[] {28, 28, 3}))
                .containsExactly(24, 20, 3);
    }

    @Test
    void rejectsInvalidCroppingNamingIt() {
        assertThatThrownBy(() -> new Cropping2D(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`cropping` should be either an int").hasMessageContaining("Received: cropping=(1, 2, 3)");
        assertThatThrownBy(() -> new Cropping2D(new int[][] {{1}, {1}, {1}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`cropping` should have two elements");
        assertThatThrownBy(() -> new Cropping2D(new int[][] {{1, 2, 3}, {1}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The `1st entry of cropping` argument must be a tuple of 2 integers");
        assertThatThrownBy(() -> new Cropping2D(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: cropping=(0, -1)");
        assertThatThrownBy(() -> new Cropping2D(new int[][] {{1, 1}, {2, 1}}).computeOutputShape(new long[] {5, 3, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`cropping` leaves nothing");
        assertThatThrownBy(() -> new Cropping2D().computeOutputShape(new long[] {5, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ndim=4, found ndim=3");
    }

    @Test
    void keepsTheInnerWindowInEitherDataFormat() {
        int[][] cropping = {{1, 0}, {0, 2}};
        for (boolean channelsFirst : new boolean[] {false, true}) {
            Cropping2D crop = built(Cropping2D.builder().cropping(cropping)
                    .dataFormat(channelsFirst ? "channels_first" : "channels_last").build(), channelsFirst
                    ? new long[] {2, 4, 5} : new long[] {4, 5, 2});
            INDArray x = channelsFirst ? positions(2, 2, 4, 5) : positions(2, 4, 5, 2);
            INDArray y = crop.call(x, false);
            assertThat(y.shape()).containsExactly(channelsFirst ? new long[] {2, 2, 3, 3} : new long[] {2, 3, 3, 2});
            INDArray gx = crop.backprop(y, true);
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < 4; i++) {
                        for (int j = 0; j < 5; j++) {
                            // kept: rows 1..3 (top 1), columns 0..2 (right 2); output (i − 1, j)
                            boolean kept = i >= 1 && j < 3;
                            double in = channelsFirst ? x.getDouble(b, c, i, j) : x.getDouble(b, i, j, c);
                            if (kept) {
                                double out = channelsFirst ? y.getDouble(b, c, i - 1, j) : y.getDouble(b, i - 1, j, c);
                                assertThat(out).isEqualTo(in);
                            }
                            double g = channelsFirst ? gx.getDouble(b, c, i, j) : gx.getDouble(b, i, j, c);
                            assertThat(g).isEqualTo(kept ? in : 0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void satisfiesLayerContractInBothDataFormats() {
        LayerContract.check(() -> new Cropping2D(1), new long[] {3, 4, 2}, "cropping", "data_format");
        LayerContract.check(() -> Cropping2D.builder().cropping(new int[][] {{0, 1}, {2, 0}})
                .dataFormat("channels_first").build(), new long[] {2, 3, 4}, "cropping", "data_format");
    }
}
