package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UpSampling1DTest {

    private static UpSampling1D built(UpSampling1D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameClassAndDefaultSize() {
        UpSampling1D up = new UpSampling1D();
        assertThat(up.className()).isEqualTo("UpSampling1D");
        assertThat(up.namePrefix()).isEqualTo("up_sampling1d");
        assertThat(up.getConfig()).containsEntry("size", 2);
        assertThat(UpSampling1D.builder().size(3).build().getConfig()).containsEntry("size", 3);
    }

    @Test
    void rejectsNonPositiveSizeAndWrongRank() {
        assertThatThrownBy(() -> new UpSampling1D(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: size=0");
        assertThatThrownBy(() -> new UpSampling1D().computeOutputShape(new long[] {2, 2, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ndim=3, found ndim=4");
    }

    @Test
    void repeatsEachStepAndSumsTheGradientsOfItsCopies() {
        UpSampling1D up = built(new UpSampling1D(3), 2, 2);
        assertThat(up.computeOutputShape(new long[] {2, 2})).containsExactly(6, 2);
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 2, 2}, DataType.DOUBLE);
        // by hand: K.repeat_elements(x, 3, axis=1)
        assertThat(LayerContract.values(up.call(x, false))).containsExactly(1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4);
        INDArray g = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new long[] {1, 6, 2},
                DataType.DOUBLE);
        // by hand: 1+3+5, 2+4+6, 7+9+11, 8+10+12
        assertThat(LayerContract.values(up.backprop(g, true))).containsExactly(9, 12, 27, 30);
    }

    @Test
    void satisfiesLayerContract() {
        LayerContract.check(UpSampling1D::new, new long[] {3, 2}, "size");
        LayerContract.check(() -> new UpSampling1D(3), new long[] {2, 1}, "size");
    }
}
