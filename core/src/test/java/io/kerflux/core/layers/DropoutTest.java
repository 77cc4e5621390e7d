package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {

    private static final String[] CONFIG_KEYS = {"rate", "noise_shape", "seed"};

    private static Dropout built(Dropout d, long... inputShape) {
        d.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(5)));
        return d;
    }

    private static INDArray ones(long... shape) {
        return Nd4j.ones(DataType.DOUBLE, shape);
    }

    @Test
    void rejectsRateOutsideZeroToOne() {
        for (double rate : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new Dropout(rate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rate")
                    .hasMessageContaining("Received: rate=" + rate);
        }
    }

    @Test
    void rejectsNegativeNoiseShapeEntries() {
        assertThatThrownBy(() -> Dropout.builder(0.5).noiseShape(0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noise_shape");
    }

    @Test
    void keepsKerasNameAndClass() {
        Dropout d = new Dropout(0.5);
        assertThat(d.namePrefix()).isEqualTo("dropout");
        assertThat(d.className()).isEqualTo("Dropout");
        assertThat(d.computeOutputShape(new long[] {2, 3})).containsExactly(2, 3);
    }

    @Test
    void configHasRateNoiseShapeAndSeed() {
        Map<String, Object> plain = new Dropout(0.25).getConfig();
        assertThat(plain).containsEntry("rate", 0.25).containsEntry("noise_shape", null).containsEntry("seed", null);

        Map<String, Object> full = Dropout.builder(0.5).noiseShape(Dropout.SAME_AS_INPUT, 1, 4).seed(42L).build()
                .getConfig();
        assertThat(full.keySet()).containsExactly("name", "trainable", "dtype", "rate", "noise_shape", "seed");
        assertThat(full).containsEntry("noise_shape", Arrays.asList(null, 1L, 4L)).containsEntry("seed", 42L);
    }

    @Test
    void isIdentityAtInference() {
        Dropout d = built(new Dropout(0.5), 4);
        INDArray x = Nd4j.create(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
        assertThat(d.call(x, false)).isSameAs(x);
        INDArray g = ones(2, 4);
        assertThat(d.backprop(g, true)).isSameAs(g);
    }

    @Test
    void rateZeroIsIdentityInTraining() {
        Dropout d = built(new Dropout(0.0), 4);
        INDArray x = Nd4j.create(new double[][] {{1, 2, 3, 4}});
        assertThat(d.call(x, true)).isSameAs(x);
    }

    @Test
    void keptUnitsAreScaledByInverseKeepProbability() {
        Dropout d = built(new Dropout(0.25), 50);
        INDArray x = Nd4j.create(new double[] {-2, 3}, new long[] {2, 1}, DataType.DOUBLE).repeat(1, 50);
        INDArray out = d.call(x, true);
        // kept: x / (1 - 0.25) = x · 4/3, so -8/3 in row 0 and 4 in row 1; dropped: 0
        int kept = 0;
        for (long i = 0; i < 50; i++) {
            double a = out.getDouble(0, i);
            double b = out.getDouble(1, i);
            assertThat(a == 0 || Math.abs(a - (-8.0 / 3)) < 1e-12).as("row 0 value %s", a).isTrue();
            assertThat(b == 0 || Math.abs(b - 4.0) < 1e-12).as("row 1 value %s", b).isTrue();
            kept += (a != 0 ? 1 : 0) + (b != 0 ? 1 : 0);
        }
        assertThat(kept).isBetween(1, 99);
    }

    @Test
    void keptFractionAndMeanAreWithinStatisticalBounds() {
        int n = 200_000;
        double rate = 0.3;
        Dropout d = built(Dropout.builder(rate).seed(7L).build(), n);
        double[] out = values(d.call(ones(1, n), true));
        long kept = Arrays.stream(out).filter(v -> v != 0).count();
        // kept ~ Binomial(n, 0.7): mean 140000, sd sqrt(n·0.7·0.3) ≈ 204.9; allow 5 sd
        double sd = Math.sqrt(n * (1 - rate) * rate);
        assertThat((double) kept).isBetween(n * (1 - rate) - 5 * sd, n * (1 - rate) + 5 * sd);
        // each output is 1/0.7 with probability 0.7, else 0: mean 1, variance 1/0.7 - 1; allow 5 sd of the mean
        double meanSd = Math.sqrt((1 / (1 - rate) - 1) / n);
        assertThat(Arrays.stream(out).average().orElseThrow()).isBetween(1 - 5 * meanSd, 1 + 5 * meanSd);
    }

    @Test
    void backwardMultipliesByTheSameMask() {
        Dropout d = built(new Dropout(0.5), 6);
        INDArray out = d.call(ones(4, 6), true);
        INDArray g = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {1, 6}, DataType.DOUBLE).repeat(0, 4);
        double[] gx = values(d.backprop(g, true));
        double[] mask = values(out);
        double[] gv = values(g);
        for (int i = 0; i < gx.length; i++) {
            assertThat(gx[i]).isEqualTo(gv[i] * mask[i]);
        }
        assertThat(d.backprop(g, false)).isNull();
    }

    @Test
    void sameSeedGivesSameMasks() {
        INDArray x = ones(3, 20);
        INDArray first = built(Dropout.builder(0.5).seed(42L).build(), 20).call(x, true);
        INDArray second = built(Dropout.builder(0.5).seed(42L).build(), 20).call(x, true);
        INDArray other = built(Dropout.builder(0.5).seed(43L).build(), 20).call(x, true);
        assertThat(values(second)).isEqualTo(values(first));
        assertThat(values(other)).isNotEqualTo(values(first));
    }

    @Test
    void modelSeedReproducesMasksOfUnseededLayers() {
        INDArray x = ones(3, 20);
        Dropout a = new Dropout(0.5);
        Dropout b = new Dropout(0.5);
        Dropout c = new Dropout(0.5);
        a.build(new long[] {20}, new BuildContext(DataType.DOUBLE, new Random(11)));
        b.build(new long[] {20}, new BuildContext(DataType.DOUBLE, new Random(11)));
        c.build(new long[] {20}, new BuildContext(DataType.DOUBLE, new Random(12)));
        double[] first = values(a.call(x, true));
        assertThat(values(b.call(x, true))).isEqualTo(first);
        assertThat(values(c.call(x, true))).isNotEqualTo(first);
    }

    @Test
    void reseedRepeatsTheMaskAndSuccessiveCallsDiffer() {
        Dropout d = built(new Dropout(0.5), 20);
        INDArray x = ones(3, 20);
        d.reseed(3);
        double[] first = values(d.call(x, true));
        double[] next = values(d.call(x, true));
        d.reseed(3);
        assertThat(values(d.call(x, true))).isEqualTo(first);
        assertThat(next).isNotEqualTo(first);
    }

    @Test
    void reseedNeedsABuiltLayer() {
        assertThatThrownBy(() -> new Dropout(0.5).reseed(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noiseShapeSharesTheMaskAlongAxesOfSizeOne() {
        Dropout d = built(Dropout.builder(0.5).noiseShape(Dropout.SAME_AS_INPUT, 1, 5).build(), 3, 5);
        INDArray out = d.call(ones(4, 3, 5), true);
        for (long b = 0; b < 4; b++) {
            for (long t = 1; t < 3; t++) {
                for (long f = 0; f < 5; f++) {
                    assertThat(out.getDouble(b, t, f)).isEqualTo(out.getDouble(b, 0, f));
                }
            }
        }
        double[] v = values(out);
        assertThat(v).contains(0.0, 2.0).containsOnly(0.0, 2.0);
    }

    @Test
    void noiseShapeMustMatchInputRankAndSizes() {
        assertThatThrownBy(() -> Dropout.builder(0.5).noiseShape(0, 1).build().computeOutputShape(new long[] {3, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: noise_shape=(None, 1)");
        assertThatThrownBy(() -> Dropout.builder(0.5).noiseShape(0, 2, 5).build().computeOutputShape(new long[] {3, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1 must be None (0), 1 or 3");
        Dropout fixedBatch = built(Dropout.builder(0.5).noiseShape(4, 1).build(), 5);
        assertThatThrownBy(() -> fixedBatch.call(ones(2, 5), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 0 must be None (0), 1 or 2");
    }

    @Test
    void keepsFloat32() {
        Dropout d = new Dropout(0.5);
        d.build(new long[] {4}, new BuildContext(DataType.FLOAT, new Random(1)));
        INDArray out = d.call(Nd4j.ones(DataType.FLOAT, 2, 4), true);
        assertThat(out.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(values(out)).containsOnly(0.0, 2.0);
    }

    @Test
    void satisfiesLayerContract() {
        Dropout probe = built(new Dropout(0.4), 5);
        probe.reseed(LayerContract.MASK_SEED);
        // the contract's fixed mask must drop some units and keep others, or the check proves little
        assertThat(values(probe.call(ones(LayerContract.BATCH, 5), true))).contains(0.0, 1 / 0.6);
        LayerContract.check(() -> new Dropout(0.4), new long[] {5}, CONFIG_KEYS);
        LayerContract.check(() -> Dropout.builder(0.5).seed(3L).build(), new long[] {2, 3}, CONFIG_KEYS);
        LayerContract.check(() -> Dropout.builder(0.5).noiseShape(Dropout.SAME_AS_INPUT, 1, 3).build(),
                new long[] {2, 3}, CONFIG_KEYS);
        LayerContract.check(() -> Dropout.builder(0.5).noiseShape(1, 2, 1).build(), new long[] {2, 3}, CONFIG_KEYS);
        LayerContract.check(() -> new Dropout(0.0), new long[] {4}, CONFIG_KEYS);
    }
}
