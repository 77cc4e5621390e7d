package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FlattenTest {

    private static Flatten built(Flatten f, long... inputShape) {
        f.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return f;
    }

    /** x[b, i, j, k] = 1000·b + 100·i + 10·j + k, so every value names its position. */
    private static INDArray positions(int batch, int d1, int d2, int d3) {
        INDArray x = Nd4j.create(DataType.DOUBLE, batch, d1, d2, d3);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < d1; i++) {
                for (int j = 0; j < d2; j++) {
                    for (int k = 0; k < d3; k++) {
                        x.putScalar(new long[] {b, i, j, k}, 1000 * b + 100 * i + 10 * j + k);
                    }
                }
            }
        }
        return x;
    }

    @Test
    void keepsKerasNameClassAndDefaultDataFormat() {
        Flatten f = new Flatten();
        assertThat(f.namePrefix()).isEqualTo("flatten");
        assertThat(f.className()).isEqualTo("Flatten");
        assertThat(f.getConfig()).containsEntry("data_format", "channels_last");
        assertThat(new Flatten("Channels_First").dataFormat()).isEqualTo("channels_first");
    }

    @Test
    void rejectsUnknownDataFormat() {
        assertThatThrownBy(() -> new Flatten("nhwc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"channels_first\", \"channels_last\"")
                .hasMessageContaining("Received: data_format=nhwc");
    }

    @Test
    void outputShapeIsTheProductOfTheSampleShape() {
        Flatten f = new Flatten();
        assertThat(f.computeOutputShape(new long[] {2, 3, 4})).containsExactly(24);
        assertThat(f.computeOutputShape(new long[] {5, 1})).containsExactly(5);
    }

    @Test
    void rejectsSamplesOfRankOneAsKerasMinNdimThree() {
        assertThatThrownBy(() -> new Flatten().computeOutputShape(new long[] {5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected min_ndim=3, found ndim=2");
    }

    @Test
    void channelsLastFlattensInRowMajorOrder() {
        Flatten f = built(new Flatten(), 2, 3, 4);
        double[] out = values(f.call(positions(2, 2, 3, 4), true));
        int n = 0;
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        assertThat(out[n++]).isEqualTo(1000 * b + 100 * i + 10 * j + k);
                    }
                }
            }
        }
        INDArray gx = f.backprop(Nd4j.create(DataType.DOUBLE, 2, 24), true);
        assertThat(gx.shape()).containsExactly(2, 2, 3, 4);
    }

    @Test
    void channelsFirstMovesTheChannelAxisLastBeforeFlattening() {
        // per-sample (channels=2, rows=3, cols=4): output index (row·4 + col)·2 + channel
        Flatten f = built(new Flatten("channels_first"), 2, 3, 4);
        INDArray out = f.call(positions(2, 2, 3, 4), true);
        assertThat(out.shape()).containsExactly(2, 24);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 2; c++) {
                for (int row = 0; row < 3; row++) {
                    for (int col = 0; col < 4; col++) {
                        assertThat(out.getDouble(b, (row * 4 + col) * 2 + c))
                                .isEqualTo(1000 * b + 100 * c + 10 * row + col);
                    }
                }
            }
        }
        // backward sends each output gradient back to the input position it came from
        INDArray gx = f.backprop(out, true);
        assertThat(values(gx)).isEqualTo(values(positions(2, 2, 3, 4)));
    }

    @Test
    void satisfiesLayerContract() {
        for (String format : new String[] {"channels_last", "channels_first"}) {
            LayerContract.check(() -> new Flatten(format), new long[] {2, 3}, "data_format");
            LayerContract.check(() -> new Flatten(format), new long[] {2, 1, 3}, "data_format");
        }
    }
}
