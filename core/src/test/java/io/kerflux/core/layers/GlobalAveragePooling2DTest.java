package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GlobalAveragePooling2DTest {

    private static GlobalAveragePooling2D built(GlobalAveragePooling2D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameClassAndConfig() {
        GlobalAveragePooling2D p = new GlobalAveragePooling2D("Channels_First");
        assertThat(p.namePrefix()).isEqualTo("global_average_pooling2d");
        assertThat(p.className()).isEqualTo("GlobalAveragePooling2D");
        assertThat(p.getConfig()).containsEntry("data_format", "channels_first");
        assertThat(p.supportsMasking()).isFalse();
    }

    @Test
    void averagesEachChannelOverRowsAndColumnsInBothFormats() {
        INDArray x = PoolingReference.random(new Random(4), 2, 3, 4, 5);
        double[] in = values(x);
        double[] expected = new double[2 * 5];
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 5; c++) {
                double sum = 0;
                for (int pos = 0; pos < 12; pos++) {
                    sum += in[(b * 12 + pos) * 5 + c];
                }
                expected[b * 5 + c] = sum / 12;
            }
        }
        double[] last = values(built(new GlobalAveragePooling2D(), 3, 4, 5).call(x, false));
        double[] first = values(built(new GlobalAveragePooling2D("channels_first"), 5, 3, 4)
                .call(x.permute(0, 3, 1, 2).dup(), false));
        for (int i = 0; i < expected.length; i++) {
            assertThat(last[i]).isCloseTo(expected[i], within(1e-12));
            assertThat(first[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void spreadsTheGradientEvenlyOverEveryPosition() {
        GlobalAveragePooling2D p = built(new GlobalAveragePooling2D(), 2, 2, 2);
        p.call(Nd4j.zeros(DataType.DOUBLE, 1, 2, 2, 2), true);
        // dL/dy = [4, 8] over 2·2 positions: each position gets [1, 2]
        INDArray g = p.backprop(Nd4j.create(new double[] {4, 8}, new long[] {1, 2}, DataType.DOUBLE), true);
        assertThat(values(g)).containsExactly(1, 2, 1, 2, 1, 2, 1, 2);
    }

    @Test
    void satisfiesLayerContractInBothFormats() {
        LayerContract.check(GlobalAveragePooling2D::new, new long[] {2, 3, 2}, "data_format");
        LayerContract.check(() -> new GlobalAveragePooling2D("channels_first"), new long[] {2, 2, 3}, "data_format");
    }
}
