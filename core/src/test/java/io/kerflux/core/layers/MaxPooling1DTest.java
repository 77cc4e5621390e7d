package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaxPooling1DTest {

    private static MaxPooling1D built(MaxPooling1D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    /** x = [1, 2, 3, 4, 5] as (batch 1, 5 steps, 1 feature), the example of Keras' docstring. */
    private static INDArray oneToFive() {
        return Nd4j.create(new double[] {1, 2, 3, 4, 5}, new long[] {1, 5, 1}, DataType.DOUBLE);
    }

    @Test
    void keepsKerasNameClassAndConfigOrder() {
        MaxPooling1D p = new MaxPooling1D();
        assertThat(p.namePrefix()).isEqualTo("max_pooling1d");
        assertThat(p.className()).isEqualTo("MaxPooling1D");
        assertThat(p.getConfig().keySet())
                .containsExactly("name", "trainable", "dtype", "strides", "pool_size", "padding", "data_format");
        assertThat(p.getConfig()).containsEntry("strides", List.of(2)).containsEntry("pool_size", List.of(2))
                .containsEntry("padding", "valid").containsEntry("data_format", "channels_last");
        assertThat(new MaxPooling1D(3).strides()).containsExactly(3);
    }

    @Test
    void reproducesTheKerasDocumentationExamples() {
        assertThat(values(built(MaxPooling1D.builder().strides(1).build(), 5, 1).call(oneToFive(), false)))
                .containsExactly(2, 3, 4, 5);
        assertThat(values(built(MaxPooling1D.builder().strides(2).build(), 5, 1).call(oneToFive(), false)))
                .containsExactly(2, 4);
        assertThat(values(built(MaxPooling1D.builder().strides(1).padding("same").build(), 5, 1)
                .call(oneToFive(), false))).containsExactly(2, 3, 4, 5, 5);
    }

    @Test
    void outputShapeFollowsKerasFormulaInBothFormats() {
        // floor((9 − 3) / 2) + 1 = 4 with "valid", ceil(9 / 2) = 5 with "same"
        assertThat(MaxPooling1D.builder().poolSize(3).strides(2).build().computeOutputShape(new long[] {9, 4}))
                .containsExactly(4, 4);
        assertThat(MaxPooling1D.builder().poolSize(3).strides(2).padding("same").dataFormat("channels_first").build()
                .computeOutputShape(new long[] {4, 9})).containsExactly(4, 5);
    }

    @Test
    void matchesTensorFlowPoolingInBothFormats() {
        Random random = new Random(5);
        for (String padding : new String[] {"valid", "same"}) {
            INDArray x = PoolingReference.random(random, 2, 7, 3);
            double[] expected = values(PoolingReference.pool2d(x.reshape(2, 7, 1, 3), new int[] {3, 1}, new int[] {2, 1},
                    padding.equals("same"), true));
            MaxPooling1D last = built(MaxPooling1D.builder().poolSize(3).strides(2).padding(padding).build(), 7, 3);
            assertThat(values(last.call(x, true))).isEqualTo(expected);
            MaxPooling1D first = built(MaxPooling1D.builder().poolSize(3).strides(2).padding(padding)
                    .dataFormat("channels_first").build(), 3, 7);
            assertThat(values(first.call(x.permute(0, 2, 1).dup(), true).permute(0, 2, 1))).isEqualTo(expected);
        }
    }

    @Test
    void satisfiesLayerContractInEveryPaddingAndFormat() {
        for (String padding : new String[] {"valid", "same"}) {
            for (String format : new String[] {"channels_last", "channels_first"}) {
                LayerContract.check(() -> MaxPooling1D.builder().poolSize(3).strides(2).padding(padding)
                                .dataFormat(format).build(),
                        format.equals("channels_last") ? new long[] {6, 2} : new long[] {2, 6},
                        "strides", "pool_size", "padding", "data_format");
            }
        }
    }
}
