package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Cropping1DTest {

    private static Cropping1D built(Cropping1D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameClassAndDefaultCropping() {
        Cropping1D crop = new Cropping1D();
        assertThat(crop.className()).isEqualTo("Cropping1D");
        assertThat(crop.namePrefix()).isEqualTo("cropping1d");
        assertThat(crop.getConfig()).containsEntry("cropping", List.of(1, 1));
        assertThat(new Cropping1D(2).getConfig()).containsEntry("cropping", List.of(2, 2));
        assertThat(Cropping1D.builder().cropping(0, 3).build().getConfig()).containsEntry("cropping", List.of(0, 3));
    }

    @Test
    void rejectsInvalidCroppingAndInputs() {
        assertThatThrownBy(() -> new Cropping1D(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`cropping` argument must be a tuple of 2 integers")
                .hasMessageContaining("Received: cropping=(1, 2, 3)");
        assertThatThrownBy(() -> new Cropping1D(0, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: cropping=(0, -2)");
        assertThatThrownBy(() -> new Cropping1D(2, 2).computeOutputShape(new long[] {4, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`cropping` leaves nothing").hasMessageContaining("cropping=(2, 2)");
        assertThatThrownBy(() -> new Cropping1D().computeOutputShape(new long[] {4, 3, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ndim=3, found ndim=4");
    }

    @Test
    void removesStepsAtBothEnds() {
        Cropping1D crop = built(new Cropping1D(1, 2), 5, 2);
        assertThat(crop.computeOutputShape(new long[] {5, 2})).containsExactly(2, 2);
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new long[] {1, 5, 2}, DataType.DOUBLE);
        // by hand: steps 1 and 2 of 0..4 are kept
        assertThat(LayerContract.values(crop.call(x, false))).containsExactly(3, 4, 5, 6);
        INDArray g = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 2, 2}, DataType.DOUBLE);
        assertThat(LayerContract.values(crop.backprop(g, true))).containsExactly(0, 0, 1, 2, 3, 4, 0, 0, 0, 0);
    }

    @Test
    void satisfiesLayerContract() {
        LayerContract.check(Cropping1D::new, new long[] {4, 2}, "cropping");
        LayerContract.check(() -> new Cropping1D(0, 2), new long[] {5, 2}, "cropping");
    }
}
