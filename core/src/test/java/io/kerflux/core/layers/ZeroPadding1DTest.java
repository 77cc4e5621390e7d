package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ZeroPadding1DTest {

    private static ZeroPadding1D built(ZeroPadding1D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameClassAndDefaultPadding() {
        ZeroPadding1D pad = new ZeroPadding1D();
        assertThat(pad.className()).isEqualTo("ZeroPadding1D");
        assertThat(pad.namePrefix()).isEqualTo("zero_padding1d");
        assertThat(pad.getConfig()).containsEntry("padding", List.of(1, 1));
        assertThat(new ZeroPadding1D(3).getConfig()).containsEntry("padding", List.of(3, 3));
        assertThat(ZeroPadding1D.builder().padding(0, 2).build().getConfig()).containsEntry("padding", List.of(0, 2));
    }

    @Test
    void rejectsInvalidPaddingAndInputRank() {
        assertThatThrownBy(() -> new ZeroPadding1D(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`padding` argument must be a tuple of 2 integers")
                .hasMessageContaining("Received: padding=(1, 2, 3)");
        assertThatThrownBy(() -> new ZeroPadding1D(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-negative").hasMessageContaining("Received: padding=(-1,)");
        assertThatThrownBy(() -> new ZeroPadding1D().computeOutputShape(new long[] {4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ndim=3, found ndim=2");
    }

    @Test
    void addsZeroStepsBeforeAndAfter() {
        ZeroPadding1D pad = built(new ZeroPadding1D(1, 2), 3, 2);
        assertThat(pad.computeOutputShape(new long[] {3, 2})).containsExactly(6, 2);
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {1, 3, 2}, DataType.DOUBLE);
        INDArray y = pad.call(x, false);
        // by hand: one zero step, the three steps, two zero steps
        assertThat(LayerContract.values(y)).containsExactly(0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0);
        INDArray g = Nd4j.create(new double[] {9, 9, 1, 2, 3, 4, 5, 6, 9, 9, 9, 9}, new long[] {1, 6, 2}, DataType.DOUBLE);
        assertThat(LayerContract.values(pad.backprop(g, true))).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void satisfiesLayerContract() {
        LayerContract.check(ZeroPadding1D::new, new long[] {3, 2}, "padding");
        LayerContract.check(() -> new ZeroPadding1D(0, 2), new long[] {2, 3}, "padding");
    }
}
