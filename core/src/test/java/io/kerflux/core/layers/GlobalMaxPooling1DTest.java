package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GlobalMaxPooling1DTest {

    private static GlobalMaxPooling1D built(GlobalMaxPooling1D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameClassAndConfig() {
        GlobalMaxPooling1D p = new GlobalMaxPooling1D();
        assertThat(p.namePrefix()).isEqualTo("global_max_pooling1d");
        assertThat(p.className()).isEqualTo("GlobalMaxPooling1D");
        assertThat(p.getConfig().keySet()).containsExactly("name", "trainable", "dtype", "data_format");
        assertThat(p.getConfig()).containsEntry("data_format", "channels_last");
        assertThat(p.computeOutputShape(new long[] {7, 3})).containsExactly(3);
        assertThat(new GlobalMaxPooling1D("channels_first").computeOutputShape(new long[] {7, 3})).containsExactly(7);
    }

    @Test
    void takesTheMaximumOfEachFeatureOverTheSteps() {
        // steps × features = [[1, -4], [3, -2], [2, -3]]: maxima 3 and -2
        INDArray x = Nd4j.create(new double[] {1, -4, 3, -2, 2, -3}, new long[] {1, 3, 2}, DataType.DOUBLE);
        assertThat(values(built(new GlobalMaxPooling1D(), 3, 2).call(x, false))).containsExactly(3, -2);
        INDArray xFirst = x.permute(0, 2, 1).dup();
        assertThat(values(built(new GlobalMaxPooling1D("channels_first"), 2, 3).call(xFirst, false)))
                .containsExactly(3, -2);
    }

    @Test
    void tiedMaximaShareTheGradientEquallyAsTensorFlowReduceMax() {
        // feature 0 = [0, 0, 0] (a ReLU output): each step gets 6/3; feature 1 = [5, 1, 5]: steps 0 and 2 get 4/2
        GlobalMaxPooling1D p = built(new GlobalMaxPooling1D(), 3, 2);
        INDArray x = Nd4j.create(new double[] {0, 5, 0, 1, 0, 5}, new long[] {1, 3, 2}, DataType.DOUBLE);
        p.call(x, true);
        INDArray g = p.backprop(Nd4j.create(new double[] {6, 4}, new long[] {1, 2}, DataType.DOUBLE), true);
        assertThat(values(g)).containsExactly(2, 2, 2, 0, 2, 2);
    }

    @Test
    void refusesAMaskAsKeras23() {
        GlobalMaxPooling1D p = built(new GlobalMaxPooling1D(), 3, 2);
        assertThat(p.supportsMasking()).isFalse();
        assertThatThrownBy(() -> p.call(Nd4j.zeros(DataType.DOUBLE, 1, 3, 2), Nd4j.ones(DataType.DOUBLE, 1, 3), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not support masking");
    }

    @Test
    void satisfiesLayerContractInBothFormats() {
        LayerContract.check(GlobalMaxPooling1D::new, new long[] {4, 2}, "data_format");
        LayerContract.check(() -> new GlobalMaxPooling1D("channels_first"), new long[] {2, 4}, "data_format");
    }
}
