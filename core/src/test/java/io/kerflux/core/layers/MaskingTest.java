package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.kerflux.core.testing.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskingTest {

    private static Masking built(double maskValue, long... inputShape) {
        Masking m = new Masking(maskValue);
        m.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return m;
    }

    /** Batch 2, 3 timesteps, 2 features: (0,1) and (1,0) all -1, (1,2) only half -1. */
    private static INDArray paddedBatch() {
        return Nd4j.create(new double[] {
            0.5, 2.0, -1, -1, 3.0, -4.0,
            -1, -1, 7.0, 8.0, -1, 0.25}, new long[] {2, 3, 2}, DataType.DOUBLE);
    }

    @Test
    void defaultMaskValueIsZero() {
        assertThat(new Masking().maskValue()).isEqualTo(0.0);
        assertThat(Masking.builder().build().getConfig()).containsEntry("mask_value", 0.0);
    }

    @Test
    void zeroesTimestepsWhoseFeaturesAllEqualTheMaskValue() {
        Masking m = built(-1, 3, 2);
        INDArray y = m.call(paddedBatch(), false);
        // kept = any(x != -1, axis=-1) = [[1, 0, 1], [0, 1, 1]]; output = x · kept, and -1 · 0 = -0.0 as in Keras
        assertThat(LayerContract.values(y)).containsExactly(
                0.5, 2.0, -0.0, -0.0, 3.0, -4.0,
                -0.0, -0.0, 7.0, 8.0, -1, 0.25);
    }

    @Test
    void computeMaskIsAnyFeatureDifferentFromTheMaskValue() {
        Masking m = built(-1, 3, 2);
        INDArray mask = m.computeMask(paddedBatch(), null);
        assertThat(mask.shape()).containsExactly(2, 3);
        assertThat(mask.toDoubleMatrix()).isEqualTo(new double[][] {{1, 0, 1}, {0, 1, 1}});
        assertThat(mask.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(m.supportsMasking()).isTrue();
    }

    @Test
    void replacesAnIncomingMaskWithItsOwn() {
        Masking m = built(-1, 3, 2);
        INDArray incoming = Nd4j.ones(DataType.DOUBLE, 2, 3);
        m.call(paddedBatch(), incoming, false);
        assertThat(m.computeMask(paddedBatch(), incoming).toDoubleMatrix())
                .isEqualTo(new double[][] {{1, 0, 1}, {0, 1, 1}});
    }

    @Test
    void comparesInFloat32ForFloat32Inputs() {
        Masking m = new Masking(0.1);
        m.build(new long[] {1, 1}, new BuildContext(DataType.FLOAT, new Random(1)));
        INDArray x = Nd4j.create(new float[] {0.1f, 0.2f}, new long[] {1, 2, 1});
        // 0.1 as float32 equals the float32 input 0.1f, so the first step is masked
        assertThat(LayerContract.values(m.computeMask(x, null))).containsExactly(0, 1);
    }

    @Test
    void backwardPassesTheGradientOfKeptTimestepsOnly() {
        Masking m = built(-1, 3, 2);
        m.call(paddedBatch(), true);
        INDArray g = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new long[] {2, 3, 2}, DataType.DOUBLE);
        // Keras differentiates x · kept with kept constant: g · kept
        assertThat(LayerContract.values(m.backprop(g, true))).containsExactly(1, 2, 0, 0, 5, 6, 0, 0, 9, 10, 11, 12);
        assertThat(m.backprop(g, false)).isNull();
    }

    @Test
    void keptTimestepsMatchFiniteDifferencesNextToMaskedOnes() {
        Masking m = built(-1, 3, 2);
        INDArray x = paddedBatch();
        INDArray r = Nd4j.create(new double[] {0.3, -0.7, 0.2, 0.9, -0.4, 0.6, 0.8, -0.1, 0.5, -0.3, 0.7, 0.4},
                new long[] {2, 3, 2}, DataType.DOUBLE);
        m.call(x, true);
        INDArray gx = m.backprop(r, true);
        // Perturb only the kept steps: at a masked step the mask flips, where Keras defines no derivative.
        long[][] kept = {{0, 0}, {0, 2}, {1, 1}, {1, 2}};
        for (long[] step : kept) {
            INDArray xs = x.get(point(step[0]), point(step[1]), all());
            INDArray gs = gx.get(point(step[0]), point(step[1]), all());
            GradientCheck.check("masking step " + step[0] + "," + step[1], xs, gs.dup(),
                    () -> m.call(x, true).mul(r).sumNumber().doubleValue(), GradientCheck.MIN_ABS_ERROR_LAYERS);
        }
    }

    @Test
    void satisfiesLayerContract() {
        LayerContract.check(Masking::new, new long[] {3, 2}, "mask_value");
        LayerContract.check(() -> Masking.builder().maskValue(0.5).build(), new long[] {4}, "mask_value");
    }

    @Test
    void rejectsScalarSamples() {
        assertThatThrownBy(() -> new Masking().computeOutputShape(new long[] {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected min_ndim=2");
    }
}
