package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvolutionsTest {

    @Test
    void tupleRepeatsOneValueAndChecksCountAndSign() {
        assertThat(Convolutions.tuple("strides", new int[] {2}, 2, false)).containsExactly(2, 2);
        assertThat(Convolutions.tuple("strides", new int[] {2, 3}, 2, false)).containsExactly(2, 3);
        assertThat(Convolutions.tuple("padding", new int[] {0, 3}, 2, true)).containsExactly(0, 3);
        assertThatThrownBy(() -> Convolutions.tuple("padding", new int[] {0}, 2, false))
                .hasMessage("The `padding` argument must be a tuple of 2 positive integers. Received: padding=(0,)");
        assertThatThrownBy(() -> Convolutions.tuple("size", new int[] {1, 2, 3}, 2, false))
                .hasMessage("The `size` argument must be a tuple of 2 integers. Received: size=(1, 2, 3)");
    }

    @Test
    void pairsNormalizeKerasNestedTuples() {
        assertThat(Convolutions.pairs("cropping", new int[][] {{1}, {2, 3}})).isDeepEqualTo(new int[][] {{1, 1}, {2, 3}});
        assertThatThrownBy(() -> Convolutions.pairs("cropping", new int[][] {{1, 2}}))
                .hasMessage("`cropping` should have two elements. Received: cropping=((1, 2),)");
    }

    @Test
    void formatsTuplesAndConfigValuesAsKerasDoes() {
        assertThat(Convolutions.tupleString(new int[] {3})).isEqualTo("(3,)");
        assertThat(Convolutions.nestedString(new int[][] {{1, 2}, {3, 4}})).isEqualTo("((1, 2), (3, 4))");
        assertThat(Convolutions.list(new int[][] {{1, 2}, {3, 4}})).isEqualTo(List.of(List.of(1, 2), List.of(3, 4)));
        assertThat(Convolutions.channelsFirst(null)).isFalse();
        assertThat(Convolutions.channelsFirst("CHANNELS_FIRST")).isTrue();
        assertThat(Convolutions.dataFormatName(true)).isEqualTo("channels_first");
    }

    @Test
    void reusedColumnsKeepTheirPaddingZeroAndFollowShapeChanges() {
        // a 3×3 "same" sum of every channel: kernel of ones, so each output is its window's sum
        Convolutions conv = new Convolutions(new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                ConvUtils.Padding.SAME, false);
        INDArray kernel = Nd4j.ones(DataType.DOUBLE, 9, 1);
        forward(conv, Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 1).addi(5), kernel);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 2, 3, 3, 1);
        // by hand: corners see 4 pixels, edges 6, the centre 9
        double[] window = {4, 6, 4, 6, 9, 6, 4, 6, 4};
        assertThat(values(forward(conv, ones, kernel))).containsExactly(concat(window, window));
        assertThat(values(forward(conv, Nd4j.ones(DataType.DOUBLE, 1, 3, 3, 1), kernel))).containsExactly(window);
    }

    /** The (batch·9, 1) pre-activation of a 3×3 "same" convolution of a (batch, 3, 3, 1) image. */
    private static INDArray forward(Convolutions conv, INDArray image, INDArray kernel) {
        INDArray z = Nd4j.create(DataType.DOUBLE, image.size(0) * 9, 1);
        conv.forward(image, kernel, z);
        return z;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
