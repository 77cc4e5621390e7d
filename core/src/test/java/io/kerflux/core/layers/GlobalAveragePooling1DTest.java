package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.testing.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GlobalAveragePooling1DTest {

    private static GlobalAveragePooling1D built(GlobalAveragePooling1D layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    /** Two samples of 3 steps × 2 features: [[1, 10], [2, 20], [6, 60]] and [[-1, 4], [3, 0], [5, 2]]. */
    private static INDArray twoSamples() {
        return Nd4j.create(new double[] {1, 10, 2, 20, 6, 60, -1, 4, 3, 0, 5, 2}, new long[] {2, 3, 2}, DataType.DOUBLE);
    }

    @Test
    void keepsKerasNameClassAndConfig() {
        GlobalAveragePooling1D p = new GlobalAveragePooling1D();
        assertThat(p.namePrefix()).isEqualTo("global_average_pooling1d");
        assertThat(p.className()).isEqualTo("GlobalAveragePooling1D");
        assertThat(p.getConfig().keySet()).containsExactly("name", "trainable", "dtype", "data_format");
        assertThat(p.getConfig()).containsEntry("data_format", "channels_last");
    }

    @Test
    void averagesEachFeatureOverTheSteps() {
        // (1+2+6)/3 = 3, (10+20+60)/3 = 30; (−1+3+5)/3 = 7/3, (4+0+2)/3 = 2
        double[] out = values(built(new GlobalAveragePooling1D(), 3, 2).call(twoSamples(), false));
        double[] expected = {3, 30, 7 / 3.0, 2};
        for (int i = 0; i < 4; i++) {
            assertThat(out[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void averagesOverTheUnmaskedStepsOnlyAndConsumesTheMask() {
        // mask [1, 1, 0] and [0, 1, 1]: (1+2)/2 = 1.5, (10+20)/2 = 15; (3+5)/2 = 4, (0+2)/2 = 1
        GlobalAveragePooling1D p = built(new GlobalAveragePooling1D(), 3, 2);
        INDArray mask = Nd4j.create(new double[] {1, 1, 0, 0, 1, 1}, new long[] {2, 3}, DataType.DOUBLE);
        assertThat(p.supportsMasking()).isTrue();
        assertThat(values(p.call(twoSamples(), mask, false))).containsExactly(1.5, 15, 4, 1);
        assertThat(p.computeMask(twoSamples(), mask)).isNull();
        INDArray boolMask = mask.castTo(DataType.BOOL);
        assertThat(values(p.call(twoSamples(), boolMask, false))).containsExactly(1.5, 15, 4, 1);
    }

    @Test
    void appliesTheMaskToTheStepsAxisWithChannelsFirst() {
        GlobalAveragePooling1D p = built(new GlobalAveragePooling1D("channels_first"), 2, 3);
        INDArray mask = Nd4j.create(new double[] {1, 1, 0, 0, 1, 1}, new long[] {2, 3}, DataType.DOUBLE);
        assertThat(values(p.call(twoSamples().permute(0, 2, 1).dup(), mask, false))).containsExactly(1.5, 15, 4, 1);
    }

    @Test
    void aFullyMaskedSampleGivesNaNAsInKeras() {
        GlobalAveragePooling1D p = built(new GlobalAveragePooling1D(), 3, 2);
        INDArray mask = Nd4j.create(new double[] {0, 0, 0, 1, 1, 1}, new long[] {2, 3}, DataType.DOUBLE);
        double[] out = values(p.call(twoSamples(), mask, false));
        assertThat(out[0]).isNaN();
        assertThat(out[2]).isCloseTo(7 / 3.0, within(1e-12));
    }

    @Test
    void rejectsAMaskOfTheWrongShape() {
        GlobalAveragePooling1D p = built(new GlobalAveragePooling1D(), 3, 2);
        assertThatThrownBy(() -> p.call(twoSamples(), Nd4j.ones(DataType.DOUBLE, 2, 4), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(batch, steps) = [2, 3]");
    }

    @Test
    void maskedGradientMatchesFiniteDifferencesInBothFormats() {
        INDArray mask = Nd4j.create(new double[] {1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1}, new long[] {3, 4}, DataType.DOUBLE);
        for (String format : new String[] {"channels_last", "channels_first"}) {
            boolean first = format.equals("channels_first");
            GlobalAveragePooling1D p = built(new GlobalAveragePooling1D(format), first ? 2 : 4, first ? 4 : 2);
            INDArray x = PoolingReference.random(new Random(8), 3, first ? 2 : 4, first ? 4 : 2);
            INDArray r = PoolingReference.random(new Random(9), 3, 2);
            p.call(x, mask, true);
            INDArray analytic = p.backprop(r, true);
            GradientCheck.check("masked " + format, x, analytic,
                    () -> p.call(x, mask, true).mul(r).sumNumber().doubleValue(), GradientCheck.MIN_ABS_ERROR_LAYERS);
        }
    }

    @Test
    void satisfiesLayerContractInBothFormats() {
        LayerContract.check(GlobalAveragePooling1D::new, new long[] {4, 2}, "data_format");
        LayerContract.check(() -> new GlobalAveragePooling1D("channels_first"), new long[] {2, 4}, "data_format");
    }
}
