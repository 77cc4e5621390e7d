package io.kerflux.core.layers;

import static io.kerflux.core.layers.LayerContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.initializers.Constant;
import io.kerflux.core.regularizers.Regularizers;
import io.kerflux.core.testing.KerasJsVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormalizationTest {
    private static final String[] CONFIG_KEYS = {"axis", "momentum", "epsilon", "center", "scale", "beta_initializer",
        "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer",
        "gamma_regularizer", "beta_constraint", "gamma_constraint"};

    private static BatchNormalization built(BatchNormalization layer, long... inputShape) {
        layer.build(inputShape, new BuildContext(DataType.DOUBLE, new Random(1)));
        return layer;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all;
    }

    /** Four samples of one feature, [1, 2, 3, 4]: mean 2.5, biased variance 1.25. */
    private static INDArray oneToFour() {
        return Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {4, 1}, DataType.DOUBLE);
    }

    @Test
    void keepsKerasNameClassAndDefaults() {
        BatchNormalization bn = new BatchNormalization();
        assertThat(bn.namePrefix()).isEqualTo("batch_normalization");
        assertThat(bn.className()).isEqualTo("BatchNormalization");
        assertThat(bn.supportsMasking()).isTrue();
        Map<String, Object> c = bn.getConfig();
        assertThat(c.keySet()).containsExactlyElementsOf(concat(List.of("name", "trainable", "dtype"), CONFIG_KEYS));
        assertThat(c).containsEntry("axis", -1).containsEntry("momentum", 0.99).containsEntry("epsilon", 1e-3)
                .containsEntry("center", true).containsEntry("scale", true)
                .containsEntry("beta_initializer", Map.of("class_name", "Zeros", "config", Map.of()))
                .containsEntry("gamma_initializer", Map.of("class_name", "Ones", "config", Map.of()))
                .containsEntry("moving_mean_initializer", Map.of("class_name", "Zeros", "config", Map.of()))
                .containsEntry("moving_variance_initializer", Map.of("class_name", "Ones", "config", Map.of()))
                .containsEntry("beta_regularizer", null).containsEntry("gamma_constraint", null);
    }

    @Test
    void writesItsArgumentsToTheConfig() {
        BatchNormalization bn = BatchNormalization.builder().axis(1).momentum(0.9).epsilon(1e-5).center(false)
                .gammaRegularizer(Regularizers.l2(0.1)).gammaInitializer(new Constant(2)).name("bn").build();
        Map<String, Object> c = bn.getConfig();
        assertThat(c).containsEntry("name", "bn").containsEntry("axis", 1).containsEntry("momentum", 0.9)
                .containsEntry("epsilon", 1e-5).containsEntry("center", false);
        assertThat(c.get("gamma_regularizer")).isNotNull();
        assertThat(c.get("gamma_initializer")).isEqualTo(Map.of("class_name", "Constant", "config", Map.of("value", 2.0)));
    }

    @Test
    void createsKerasWeightsInKerasOrder() {
        BatchNormalization bn = built(new BatchNormalization(), 5, 3);
        assertThat(bn.weights()).extracting(Weight::name).containsExactly("gamma", "beta", "moving_mean", "moving_variance");
        assertThat(bn.weights()).allSatisfy(w -> assertThat(w.shape()).containsExactly(3));
        assertThat(bn.trainableWeights()).extracting(Weight::name).containsExactly("gamma", "beta");
        assertThat(bn.nonTrainableWeights()).extracting(Weight::name).containsExactly("moving_mean", "moving_variance");
        assertThat(values(bn.weights().get(0).value())).containsExactly(1, 1, 1);
        assertThat(values(bn.weights().get(2).value())).containsExactly(0, 0, 0);
        assertThat(values(bn.weights().get(3).value())).containsExactly(1, 1, 1);
        // Keras' count: 4 · features, of which 2 · features trainable
        assertThat(bn.countParams()).isEqualTo(4 * 3);
        assertThat(bn.computeOutputShape(new long[] {5, 3})).containsExactly(5, 3);

        BatchNormalization channelsFirst = built(BatchNormalization.builder().axis(1).scale(false).build(), 4, 2, 2);
        assertThat(channelsFirst.weights()).extracting(Weight::name).containsExactly("beta", "moving_mean", "moving_variance");
        assertThat(channelsFirst.countParams()).isEqualTo(3 * 4);
        BatchNormalization bare = built(BatchNormalization.builder().axis(2).center(false).scale(false).build(), 4, 2);
        assertThat(bare.weights()).extracting(Weight::name).containsExactly("moving_mean", "moving_variance");
        assertThat(bare.countParams()).isEqualTo(2 * 2);
    }

    @Test
    void reproducesEveryKerasJsCaseInInference() {
        record Case(double epsilon, int axis, boolean center, boolean scale) { }
        List<Case> cases = List.of(new Case(1e-5, -1, true, true), new Case(1e-2, -1, true, true),
                new Case(1e-5, 1, true, true), new Case(1e-5, 2, true, true), new Case(1e-5, 3, true, false),
                new Case(1e-5, -1, false, true), new Case(1e-3, -1, false, false));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            KerasJsVectors.Case v = KerasJsVectors.load("BatchNormalization.json", "normalization.BatchNormalization." + i);
            long[] inShape = Arrays.copyOfRange(v.input().shape(), 1, v.input().rank());
            BatchNormalization bn = built(BatchNormalization.builder().epsilon(c.epsilon()).axis(c.axis())
                    .center(c.center()).scale(c.scale()).build(), inShape);
            bn.setWeights(v.weights());
            double[] actual = values(bn.call(v.input(), false));
            double[] expected = values(v.expected());
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).as("case %d value %d", i, k).isCloseTo(expected[k], within(1e-5));
            }
        }
    }

    @Test
    void trainingNormalizesWithTheBatchMeanAndBiasedVariance() {
        // feature 0: [1, 2, 3, 4] → mean 2.5, variance 1.25; feature 1: [0, 0, 2, 2] → mean 1, variance 1
        BatchNormalization bn = built(BatchNormalization.builder().epsilon(0.01).build(), 2);
        bn.setWeights(List.of(Nd4j.createFromArray(2.0, -1.0), Nd4j.createFromArray(0.5, 3.0),
                Nd4j.createFromArray(9.0, 9.0), Nd4j.createFromArray(9.0, 9.0)));
        INDArray x = Nd4j.create(new double[] {1, 0, 2, 0, 3, 2, 4, 2}, new long[] {4, 2}, DataType.DOUBLE);
        double[] out = values(bn.call(x, true));
        double[] f0 = {1, 2, 3, 4};
        double[] f1 = {0, 0, 2, 2};
        for (int i = 0; i < 4; i++) {
            assertThat(out[2 * i]).isCloseTo(2 * (f0[i] - 2.5) / Math.sqrt(1.25 + 0.01) + 0.5, within(1e-12));
            assertThat(out[2 * i + 1]).isCloseTo(-1 * (f1[i] - 1) / Math.sqrt(1 + 0.01) + 3, within(1e-12));
        }
    }

    @Test
    void inferenceUsesTheMovingStatistics() {
        BatchNormalization bn = built(BatchNormalization.builder().epsilon(0.5).build(), 1);
        bn.setWeights(List.of(Nd4j.createFromArray(3.0), Nd4j.createFromArray(-1.0), Nd4j.createFromArray(2.0),
                Nd4j.createFromArray(1.5)));
        // 3 · (x − 2) / sqrt(1.5 + 0.5) − 1
        double[] out = values(bn.call(oneToFour(), false));
        for (int i = 0; i < 4; i++) {
            assertThat(out[i]).isCloseTo(3 * (i + 1 - 2) / Math.sqrt(2) - 1, within(1e-12));
        }
    }

    @Test
    void aTrainingStepMovesTheStatisticsAsKerasIssue10443Reports() {
        // keras#10443: momentum 0 on [1, 2, 3, 4] gave moving_mean 2.5 and moving_variance 1.6672224 = 1.25 · 4 / (4 − 1.001)
        BatchNormalization bn = built(BatchNormalization.builder().momentum(0).movingVarianceInitializer("zeros").build(), 1);
        bn.call(oneToFour(), true);
        assertThat(bn.weights().get(2).value().getDouble(0)).isCloseTo(2.5, within(1e-12));
        assertThat(bn.weights().get(3).value().getDouble(0)).isCloseTo(1.6672224, within(1e-7));
    }

    @Test
    void movingStatisticsAreExponentialAveragesWithMomentum() {
        BatchNormalization bn = built(new BatchNormalization(), 1);
        bn.call(oneToFour(), true);
        bn.call(oneToFour().mul(2), true);
        // batch 1: mean 2.5, variance 1.25·4/2.999; batch 2: mean 5, variance 5·4/2.999; starting from 0 and 1
        double mean = (0 * 0.99 + 2.5 * 0.01) * 0.99 + 5 * 0.01;
        double variance = (1 * 0.99 + 1.25 * 4 / 2.999 * 0.01) * 0.99 + 5 * 4 / 2.999 * 0.01;
        assertThat(bn.weights().get(2).value().getDouble(0)).isCloseTo(mean, within(1e-12));
        assertThat(bn.weights().get(3).value().getDouble(0)).isCloseTo(variance, within(1e-12));
        bn.call(oneToFour(), false);
        assertThat(bn.weights().get(2).value().getDouble(0)).as("inference leaves them alone").isCloseTo(mean, within(1e-12));
    }

    @Test
    void aFrozenLayerStillUsesBatchStatisticsButNoLongerUpdatesItsMovingOnes() {
        BatchNormalization bn = built(BatchNormalization.builder().momentum(0).build(), 1);
        bn.trainable(false);
        double[] out = values(bn.call(oneToFour(), true));
        assertThat(out[0]).isCloseTo((1 - 2.5) / Math.sqrt(1.25 + 1e-3), within(1e-12));
        assertThat(values(bn.weights().get(2).value())).containsExactly(0);
        assertThat(values(bn.weights().get(3).value())).containsExactly(1);
    }

    @Test
    void passesMasksThrough() {
        BatchNormalization bn = built(new BatchNormalization(), 3, 2);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 4, 3);
        INDArray x = PoolingReference.random(new Random(2), 4, 3, 2);
        assertThat(bn.computeMask(x, mask)).isSameAs(mask);
        assertThat(values(bn.call(x, mask, false))).isEqualTo(values(bn.call(x, false)));
    }

    @Test
    void trainingGradientOfGammaAndBetaMatchesTheClosedForm() {
        // dL/dgamma = Σ g · xhat, dL/dbeta = Σ g, per feature; one feature [1, 2, 3, 4] and g = [1, 0, 0, 2]
        BatchNormalization bn = built(new BatchNormalization(), 1);
        bn.call(oneToFour(), true);
        bn.backprop(Nd4j.create(new double[] {1, 0, 0, 2}, new long[] {4, 1}, DataType.DOUBLE), false);
        double std = Math.sqrt(1.25 + 1e-3);
        assertThat(bn.weights().get(0).gradient().getDouble(0)).isCloseTo((1 - 2.5) / std + 2 * (4 - 2.5) / std, within(1e-9));
        assertThat(bn.weights().get(1).gradient().getDouble(0)).isCloseTo(3, within(1e-12));
        assertThat(bn.weights().get(2).gradient().getDouble(0)).isZero();
        assertThat(bn.weights().get(3).gradient().getDouble(0)).isZero();
    }

    @Test
    void rejectsTheBatchAxisAndAxesOutOfRange() {
        assertThatThrownBy(() -> built(BatchNormalization.builder().axis(0).build(), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Axis 0 of input tensor should have a defined dimension")
                .hasMessageContaining("Received: axis=0");
        assertThatThrownBy(() -> built(BatchNormalization.builder().axis(-3).build(), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: axis=-3");
        assertThatThrownBy(() -> built(BatchNormalization.builder().axis(3).build(), 3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected an axis in [-3, 3)").hasMessageContaining("Received: axis=3");
    }

    @Test
    void rejectsBadMomentumAndEpsilon() {
        assertThatThrownBy(() -> BatchNormalization.builder().epsilon(-1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: epsilon=-0.001");
        assertThatThrownBy(() -> BatchNormalization.builder().momentum(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: momentum=NaN");
    }

    @Test
    void rejectsAnInputWhoseFeatureAxisChanged() {
        BatchNormalization bn = built(new BatchNormalization(), 3);
        assertThatThrownBy(() -> bn.call(Nd4j.zeros(DataType.DOUBLE, 2, 4), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected axis -1 of input shape to have value 3 but got shape [2, 4]");
    }

    @Test
    void satisfiesLayerContractForEveryAxisAndWeightSet() {
        // the moving statistics are weights too: the training output does not depend on them (gradient 0),
        // the inference output does, so the contract checks both modes for all four weights
        for (boolean center : new boolean[] {true, false}) {
            for (boolean scale : new boolean[] {true, false}) {
                LayerContract.check(() -> BatchNormalization.builder().center(center).scale(scale)
                        .betaInitializer("glorot_uniform").gammaInitializer("glorot_uniform")
                        .movingMeanInitializer("glorot_uniform").build(), new long[] {3}, CONFIG_KEYS);
            }
        }
        LayerContract.check(() -> BatchNormalization.builder().axis(1).gammaInitializer("glorot_uniform").build(),
                new long[] {2, 2, 2}, CONFIG_KEYS);
        LayerContract.check(() -> BatchNormalization.builder().axis(-1).betaInitializer("glorot_uniform").build(),
                new long[] {2, 1, 3}, CONFIG_KEYS);
        LayerContract.check(() -> BatchNormalization.builder().axis(1).build(), new long[] {2, 3}, CONFIG_KEYS);
    }
}
