package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LeakyReLUTest {

    private static LeakyReLU built(LeakyReLU layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    @Test
    void keepsKerasNameClassAndDefaultAlpha() {
        LeakyReLU l = new LeakyReLU();
        assertThat(l.namePrefix()).isEqualTo("leaky_re_lu");
        assertThat(l.className()).isEqualTo("LeakyReLU");
        assertThat(l.alpha()).isEqualTo(0.3);
        assertThat(l.getConfig()).containsEntry("alpha", 0.3);
    }

    @Test
    void rejectsNegativeOrNonFiniteAlpha() {
        for (double alpha : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new LeakyReLU(alpha))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Received: alpha=" + alpha);
        }
    }

    @Test
    void scalesNegativeInputsByAlpha() {
        LeakyReLU l = built(new LeakyReLU(), 5);
        INDArray out = l.call(Nd4j.create(new double[][] {{-2, -0.5, 0, 0.5, 3}}), true);
        // by hand with alpha 0.3: -0.6, -0.15, 0, 0.5, 3
        double[] expected = {-0.6, -0.15, 0, 0.5, 3};
        double[] actual = values(out);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-15));
        }
    }

    @Test
    void gradientIsOneAboveZeroAndAlphaAtOrBelow() {
        LeakyReLU l = built(new LeakyReLU(0.1), 5);
        l.call(Nd4j.create(new double[][] {{-2, -0.5, 0, 0.5, 3}}), true);
        INDArray gx = l.backprop(Nd4j.create(new double[][] {{10, 10, 10, 10, 10}}), true);
        // TensorFlow's leaky_relu gradient: alpha where x <= 0, 1 where x > 0
        double[] actual = values(gx);
        double[] expected = {1, 1, 1, 10, 10};
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-12));
        }
        assertThat(l.backprop(gx, false)).isNull();
    }

    @Test
    void satisfiesLayerContract() {
        LayerContract.check(LeakyReLU::new, new long[] {4}, "alpha");
        LayerContract.check(() -> new LeakyReLU(0.05), new long[] {2, 3}, "alpha");
        LayerContract.check(() -> new LeakyReLU(0), new long[] {3}, "alpha");
    }
}
