package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReshapeTest {

    @Test
    void keepsKerasNameAndClass() {
        Reshape r = new Reshape(3, 4);
        assertThat(r.namePrefix()).isEqualTo("reshape");
        assertThat(r.className()).isEqualTo("Reshape");
    }

    @Test
    void computesTheOutputShapesOfKerasExamples() {
        // keras.layers.Reshape docstring: (12,) -> (3, 4) -> (6, 2) -> (-1, 2, 2) = (3, 2, 2)
        assertThat(new Reshape(3, 4).computeOutputShape(new long[] {12})).containsExactly(3, 4);
        assertThat(new Reshape(6, 2).computeOutputShape(new long[] {3, 4})).containsExactly(6, 2);
        assertThat(new Reshape(-1, 2, 2).computeOutputShape(new long[] {6, 2})).containsExactly(3, 2, 2);
        assertThat(new Reshape(2, -1).computeOutputShape(new long[] {2, 3, 2})).containsExactly(2, 6);
    }

    @Test
    void rejectsAChangeOfTotalSize() {
        assertThatThrownBy(() -> new Reshape(5).computeOutputShape(new long[] {2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("total size of new array must be unchanged")
                .hasMessageContaining("target_shape=(5,)");
        assertThatThrownBy(() -> new Reshape(-1, 4).computeOutputShape(new long[] {6}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("total size of new array must be unchanged");
    }

    @Test
    void rejectsMoreThanOneUnknownDimension() {
        assertThatThrownBy(() -> new Reshape(-1, 2, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Can only specify one unknown dimension.");
    }

    @Test
    void rejectsZeroAndOtherNegativeEntries() {
        for (long bad : new long[] {0, -2}) {
            assertThatThrownBy(() -> new Reshape(2, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Received: target_shape=(2, " + bad + ")");
        }
    }

    @Test
    void reshapesInRowMajorOrderAndBackwardRestoresTheInputShape() {
        Reshape r = new Reshape(-1, 2);
        r.build(new long[] {2, 3}, new BuildContext(DataType.DOUBLE, new Random(1)));
        INDArray x = Nd4j.create(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, new long[] {2, 2, 3},
                DataType.DOUBLE);
        INDArray out = r.call(x, true);
        assertThat(out.shape()).containsExactly(2, 3, 2);
        // sample 1, row 2 of the new (3, 2) shape holds values 10 and 11
        assertThat(out.getDouble(1, 2, 0)).isEqualTo(10);
        assertThat(out.getDouble(1, 2, 1)).isEqualTo(11);
        INDArray gx = r.backprop(out, true);
        assertThat(gx.shape()).containsExactly(2, 2, 3);
        assertThat(values(gx)).isEqualTo(values(x));
        assertThat(r.backprop(out, false)).isNull();
    }

    @Test
    void configKeepsTheTargetShapeAsGiven() {
        assertThat(new Reshape(-1, 2, 2).getConfig()).containsEntry("target_shape", List.of(-1L, 2L, 2L));
    }

    @Test
    void satisfiesLayerContract() {
        LayerContract.check(() -> new Reshape(3, 2), new long[] {6}, "target_shape");
        LayerContract.check(() -> new Reshape(-1), new long[] {2, 3}, "target_shape");
        LayerContract.check(() -> new Reshape(3, -1, 1), new long[] {2, 3}, "target_shape");
    }
}
