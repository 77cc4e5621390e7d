package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GlobalMaxPooling2DTest {

    private static GlobalMaxPooling2D built(GlobalMaxPooling2D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameClassAndConfig() {
        GlobalMaxPooling2D p = new GlobalMaxPooling2D();
        assertThat(p.namePrefix()).isEqualTo("global_max_pooling2d");
        assertThat(p.className()).isEqualTo("GlobalMaxPooling2D");
        assertThat(p.getConfig()).containsEntry("data_format", "channels_last");
        assertThat(p.computeOutputShape(new long[] {4, 5, 3})).containsExactly(3);
        assertThat(new GlobalMaxPooling2D("channels_first").computeOutputShape(new long[] {4, 5, 3})).containsExactly(4);
    }

    @Test
    void takesTheMaximumOfEachChannelOverRowsAndColumnsInBothFormats() {
        INDArray x = PoolingReference.random(new Random(3), 2, 3, 4, 5);
        double[] in = values(x);
        double[] expected = new double[2 * 5];
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 5; c++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int pos = 0; pos < 12; pos++) {
                    m = Math.max(m, in[(b * 12 + pos) * 5 + c]);
                }
                expected[b * 5 + c] = m;
            }
        }
        assertThat(values(built(new GlobalMaxPooling2D(), 3, 4, 5).call(x, false))).isEqualTo(expected);
        assertThat(values(built(new GlobalMaxPooling2D("channels_first"), 5, 3, 4)
                .call(x.permute(0, 3, 1, 2).dup(), false))).isEqualTo(expected);
    }

    @Test
    void satisfiesLayerContractInBothFormats() {
        LayerContract.check(GlobalMaxPooling2D::new, new long[] {2, 3, 2}, "data_format");
        LayerContract.check(() -> new GlobalMaxPooling2D("channels_first"), new long[] {2, 2, 3}, "data_format");
    }
}
