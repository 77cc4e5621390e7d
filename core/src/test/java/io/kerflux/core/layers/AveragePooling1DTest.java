package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AveragePooling1DTest {

    private static AveragePooling1D built(AveragePooling1D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    /** x = [1, 2, 3, 4, 5] as (batch 1, 5 steps, 1 feature), the example of Keras' docstring. */
    private static INDArray oneToFive() {
        return Nd4j.create(new double[] {1, 2, 3, 4, 5}, new long[] {1, 5, 1}, DataType.DOUBLE);
    }

    @Test
    void keepsKerasNameClassAndConfigOrder() {
        AveragePooling1D p = new AveragePooling1D(3);
        assertThat(p.namePrefix()).isEqualTo("average_pooling1d");
        assertThat(p.className()).isEqualTo("AveragePooling1D");
        assertThat(p.getConfig().keySet())
                .containsExactly("name", "trainable", "dtype", "strides", "pool_size", "padding", "data_format");
    }

    @Test
    void reproducesTheKerasDocumentationExamples() {
        assertThat(values(built(AveragePooling1D.builder().strides(1).build(), 5, 1).call(oneToFive(), false)))
                .containsExactly(1.5, 2.5, 3.5, 4.5);
        assertThat(values(built(AveragePooling1D.builder().strides(2).build(), 5, 1).call(oneToFive(), false)))
                .containsExactly(1.5, 3.5);
        assertThat(values(built(AveragePooling1D.builder().strides(1).padding("same").build(), 5, 1)
                .call(oneToFive(), false))).containsExactly(1.5, 2.5, 3.5, 4.5, 5);
    }

    @Test
    void sameSpreadsTheGradientOverTheRealStepsOfEachWindow() {
        // pool 3, stride 1, "same" on 5 steps: windows {0,1}, {0,1,2}, {1,2,3}, {2,3,4}, {3,4}; with dL/dy = 1
        // step 0 gets 1/2 + 1/3, step 1 gets 1/2 + 1/3 + 1/3, step 2 gets 3 · 1/3
        AveragePooling1D p = built(AveragePooling1D.builder().poolSize(3).strides(1).padding("same").build(), 5, 1);
        p.call(oneToFive(), true);
        double[] g = values(p.backprop(Nd4j.ones(DataType.DOUBLE, 1, 5, 1), true));
        double[] expected = {1 / 2.0 + 1 / 3.0, 1 / 2.0 + 2 / 3.0, 1, 1 / 2.0 + 2 / 3.0, 1 / 2.0 + 1 / 3.0};
        for (int i = 0; i < 5; i++) {
            assertThat(g[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void matchesTensorFlowPoolingInBothFormats() {
        Random random = new Random(6);
        for (String padding : new String[] {"valid", "same"}) {
            INDArray x = PoolingReference.random(random, 2, 8, 3);
            double[] expected = values(PoolingReference.pool2d(x.reshape(2, 8, 1, 3), new int[] {3, 1}, new int[] {2, 1},
                    padding.equals("same"), false));
            AveragePooling1D last = built(AveragePooling1D.builder().poolSize(3).strides(2).padding(padding).build(), 8, 3);
            AveragePooling1D first = built(AveragePooling1D.builder().poolSize(3).strides(2).padding(padding)
                    .dataFormat("channels_first").build(), 3, 8);
            double[] actualLast = values(last.call(x, true));
            double[] actualFirst = values(first.call(x.permute(0, 2, 1).dup(), true).permute(0, 2, 1));
            for (int i = 0; i < expected.length; i++) {
                assertThat(actualLast[i]).isCloseTo(expected[i], within(1e-12));
                assertThat(actualFirst[i]).isCloseTo(expected[i], within(1e-12));
            }
        }
    }

    @Test
    void satisfiesLayerContractInEveryPaddingAndFormat() {
        for (String padding : new String[] {"valid", "same"}) {
            for (String format : new String[] {"channels_last", "channels_first"}) {
                LayerContract.check(() -> AveragePooling1D.builder().poolSize(3).strides(2).padding(padding)
                                .dataFormat(format).build(),
                        format.equals("channels_last") ? new long[] {6, 2} : new long[] {2, 6},
                        "strides", "pool_size", "padding", "data_format");
            }
        }
    }
}
