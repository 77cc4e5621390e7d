package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InputLayerTest {

    @Test
    void rejectsNonPositiveDimensions() {
        assertThatThrownBy(() -> new InputLayer(3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: input_shape=(None, 3, 0)");
    }

    @Test
    void keepsKerasNameClassAndTrainability() {
        InputLayer in = new InputLayer(3);
        assertThat(in.namePrefix()).isEqualTo("input");
        assertThat(in.className()).isEqualTo("InputLayer");
        assertThat(in.trainable()).isFalse();
        assertThat(in.declaredInputShape()).containsExactly(3);
    }

    @Test
    void passesItsInputAndGradientThrough() {
        InputLayer in = new InputLayer(2);
        in.build(new long[] {2}, new BuildContext(DataType.DOUBLE, new Random(1)));
        INDArray x = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        assertThat(in.call(x, true)).isSameAs(x);
        assertThat(in.call(x, false)).isSameAs(x);
        assertThat(in.backprop(x, true)).isSameAs(x);
        assertThat(in.backprop(x, false)).isNull();
        assertThat(in.countParams()).isZero();
    }

    @Test
    void acceptsOnlyTheDeclaredShape() {
        InputLayer in = new InputLayer(3);
        in.name("features");
        assertThat(in.computeOutputShape(new long[] {3})).containsExactly(3);
        assertThatThrownBy(() -> in.computeOutputShape(new long[] {4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input 0 is incompatible with layer features: expected shape=(None, 3), found shape=(None, 4)");
    }

    @Test
    void configHoldsExactlyKerasInputLayerKeys() {
        Map<String, Object> config = new InputLayer(3, 4).name("x").getConfig();
        assertThat(config.keySet()).containsExactly("batch_input_shape", "dtype", "sparse", "name");
        assertThat(config).containsEntry("batch_input_shape", Arrays.asList(null, 3L, 4L))
                .containsEntry("dtype", "float32")
                .containsEntry("sparse", false)
                .containsEntry("name", "x");
    }

    @Test
    void configCarriesTheFixedBatchSize() {
        Map<String, Object> config = new InputLayer(3).batchSize(8).getConfig();
        assertThat(config).containsEntry("batch_input_shape", Arrays.asList(8L, 3L));
    }

    @Test
    void satisfiesLayerContract() {
        LayerContract.check(() -> new InputLayer(3), new long[] {3});
        LayerContract.check(() -> new InputLayer(2, 3).batchSize(LayerContract.BATCH), new long[] {2, 3});
    }
}
