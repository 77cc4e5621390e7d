package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.losses.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricsTest {

    /** Every loss name and alias of KERAS_SEMANTICS §9 plus huber_loss and kld/KLD. */
    private static final List<String> LOSS_NAMES = List.of(
            "mean_squared_error", "mse", "MSE", "mean_absolute_error", "mae", "MAE",
            "mean_absolute_percentage_error", "mape", "MAPE", "mean_squared_logarithmic_error", "msle", "MSLE",
            "hinge", "squared_hinge", "categorical_hinge", "logcosh", "huber_loss", "categorical_crossentropy",
            "sparse_categorical_crossentropy", "binary_crossentropy", "kullback_leibler_divergence", "kld", "KLD",
            "poisson");

    // KERAS_SEMANTICS §5: per-sample mse [2, 0, 4], w = [1, 3, 0.5]
    private static final INDArray Y_TRUE = Nd4j.create(new double[][] {{0, 0}, {1, 1}, {0, 0}});
    private static final INDArray Y_PRED = Nd4j.create(new double[][] {{2, 0}, {1, 1}, {2, 2}});
    private static final INDArray WEIGHTS = Nd4j.create(new double[] {1, 3, 0.5});

    /** A loss that only computes per-sample squared errors; metrics never reduce or differentiate it. */
    private record SquaredError(String name) implements Loss {
        @Override
        public INDArray call(INDArray yTrue, INDArray yPred) {
            INDArray d = yPred.sub(yTrue);
            return d.muli(d).mean(1);
        }

        @Override
        public double compute(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
            throw new UnsupportedOperationException("not used by metrics");
        }

        @Override
        public INDArray gradient(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
            throw new UnsupportedOperationException("not used by metrics");
        }
    }

    /** A stand-in for Losses.get that records the names asked for. */
    private static final class LossLookup implements Function<String, Loss> {
        final List<String> asked = new ArrayList<>();

        @Override
        public Loss apply(String name) {
            asked.add(name);
            return new SquaredError(name);
        }
    }

    @Test
    void fromLossAveragesPerSampleLossValuesAsInSemanticsExample() {
        MeanMetricWrapper plain = Metrics.fromLoss(new SquaredError("mean_squared_error"), "mse");
        MeanMetricWrapper weighted = Metrics.fromLoss(new SquaredError("mean_squared_error"), "mse_1");
        plain.update(Y_TRUE, Y_PRED, null);
        weighted.update(Y_TRUE, Y_PRED, WEIGHTS);
        // 6/3 and (2 + 0 + 2)/4.5
        assertThat(plain.result()).isEqualTo(2.0);
        assertThat(weighted.result()).isCloseTo(0.8889, within(1e-4));
        assertThat(plain.name()).isEqualTo("mse");
        assertThat(weighted.name()).isEqualTo("mse_1");
        assertThat(plain.call(Y_TRUE, Y_PRED).toDoubleVector()).containsExactly(2, 0, 4);
    }

    @Test
    void getBuildsAccuracyMetricsWithFreshStateNamedAsPassed() {
        assertThat(Metrics.get("accuracy")).isInstanceOf(Accuracy.class);
        assertThat(Metrics.get("binary_accuracy")).isInstanceOf(BinaryAccuracy.class);
        assertThat(Metrics.get("categorical_accuracy")).isInstanceOf(CategoricalAccuracy.class);
        assertThat(Metrics.get("sparse_categorical_accuracy")).isInstanceOf(SparseCategoricalAccuracy.class);
        assertThat(Metrics.get("top_k_categorical_accuracy"))
                .isInstanceOfSatisfying(TopKCategoricalAccuracy.class, m -> assertThat(m.k()).isEqualTo(5));
        assertThat(Metrics.get("sparse_top_k_categorical_accuracy"))
                .isInstanceOfSatisfying(SparseTopKCategoricalAccuracy.class, m -> assertThat(m.k()).isEqualTo(5));
        for (String name : List.of("accuracy", "binary_accuracy", "top_k_categorical_accuracy", "cosine")) {
            assertThat(Metrics.get(name).name()).isEqualTo(name);
        }
        assertThat(Metrics.get("binary_accuracy")).isNotSameAs(Metrics.get("binary_accuracy"));
    }

    @Test
    void getAccuracyIsExactEquality() {
        Metric m = Metrics.get("accuracy");
        // binary_accuracy would count 0.9 as 1; exact equality does not
        assertThat(m.call(Nd4j.create(new double[] {1, 0}), Nd4j.create(new double[] {0.9, 0})).toDoubleVector())
                .containsExactly(0, 1);
    }

    @Test
    void cosineMetricsArePositiveSimilarities() {
        INDArray t = Nd4j.create(new double[][] {{0, 1, 1}});
        INDArray p = Nd4j.create(new double[][] {{1, 0, 1}});
        for (String name : List.of("cosine_proximity", "cosine", "cosine_similarity")) {
            Metric m = Metrics.get(name);
            m.update(t, p, null);
            // 1/(√2·√2), positive unlike the loss
            assertThat(m.result()).as(name).isCloseTo(0.5, within(1e-12));
        }
    }

    @Test
    void getResolvesEveryLossNameThroughTheLosses() {
        for (String name : LOSS_NAMES) {
            LossLookup lookup = new LossLookup();
            Metric m = Metrics.get(name, lookup);
            assertThat(lookup.asked).as(name).containsExactly(name);
            assertThat(m.name()).isEqualTo(name);
            m.update(Y_TRUE, Y_PRED, WEIGHTS);
            assertThat(m.result()).as(name).isCloseTo(4 / 4.5, within(1e-12));
        }
    }

    @Test
    void resolvesAccuracyByLossAndOutputShape() {
        for (String name : List.of("accuracy", "acc")) {
            assertThat(Metrics.resolve(name, null, 1)).isInstanceOf(BinaryAccuracy.class);
            assertThat(Metrics.resolve(name, "mean_squared_error", 1)).isInstanceOf(BinaryAccuracy.class);
            assertThat(Metrics.resolve(name, "binary_crossentropy", 4)).isInstanceOf(BinaryAccuracy.class);
            assertThat(Metrics.resolve(name, "sparse_categorical_crossentropy", 1)).isInstanceOf(BinaryAccuracy.class);
            assertThat(Metrics.resolve(name, "sparse_categorical_crossentropy", 10))
                    .isInstanceOf(SparseCategoricalAccuracy.class);
            assertThat(Metrics.resolve(name, "categorical_crossentropy", 10)).isInstanceOf(CategoricalAccuracy.class);
            assertThat(Metrics.resolve(name, "mean_squared_error", 10)).isInstanceOf(CategoricalAccuracy.class);
            assertThat(Metrics.resolve(name, null, 10)).isInstanceOf(CategoricalAccuracy.class);
            assertThat(Metrics.resolve(name, null, 1).name()).isEqualTo(name);
            assertThat(Metrics.resolve(name, null, 10).name()).isEqualTo(name);
        }
    }

    @Test
    void resolvesCrossentropyByLossAndOutputShape() {
        for (String name : List.of("crossentropy", "ce")) {
            assertThat(resolvedLoss(name, null, 1)).isEqualTo("binary_crossentropy");
            assertThat(resolvedLoss(name, "binary_crossentropy", 4)).isEqualTo("binary_crossentropy");
            assertThat(resolvedLoss(name, "sparse_categorical_crossentropy", 1)).isEqualTo("binary_crossentropy");
            assertThat(resolvedLoss(name, "sparse_categorical_crossentropy", 10))
                    .isEqualTo("sparse_categorical_crossentropy");
            assertThat(resolvedLoss(name, "categorical_crossentropy", 10)).isEqualTo("categorical_crossentropy");
            assertThat(resolvedLoss(name, null, 10)).isEqualTo("categorical_crossentropy");
            assertThat(Metrics.resolve(name, null, 10, new LossLookup()).name()).isEqualTo(name);
        }
    }

    private static String resolvedLoss(String name, @Nullable String lossName, long lastDim) {
        LossLookup lookup = new LossLookup();
        Metrics.resolve(name, lossName, lastDim, lookup);
        assertThat(lookup.asked).hasSize(1);
        return lookup.asked.get(0);
    }

    @Test
    void resolvesOtherNamesAsGetDoes() {
        LossLookup lookup = new LossLookup();
        Metric mae = Metrics.resolve("mae", "binary_crossentropy", 1, lookup);
        assertThat(mae.name()).isEqualTo("mae");
        assertThat(lookup.asked).containsExactly("mae");
        assertThat(Metrics.resolve("categorical_accuracy", "binary_crossentropy", 1))
                .isInstanceOf(CategoricalAccuracy.class);
        assertThat(Metrics.resolve("top_k_categorical_accuracy", null, 10).name())
                .isEqualTo("top_k_categorical_accuracy");
    }

    @Test
    void unknownNamesFailListingTheKnownOnes() {
        assertThatThrownBy(() -> Metrics.get("foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown metric function:foo")
                .hasMessageContaining("binary_accuracy")
                .hasMessageContaining("mse");
        assertThatThrownBy(() -> Metrics.resolve("foo", null, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown metric function:foo")
                .hasMessageContaining("acc")
                .hasMessageContaining("crossentropy");
        // names are case-sensitive, and 'acc' only means something to compile, as in Keras
        assertThatThrownBy(() -> Metrics.get("Mse")).hasMessageStartingWith("Unknown metric function:Mse");
        assertThatThrownBy(() -> Metrics.get("acc")).hasMessageStartingWith("Unknown metric function:acc");
    }

    @Test
    @Tag("needs-losses")
    void getLossNamesUseTheRealLosses() {
        for (String name : LOSS_NAMES) {
            assertThat(Metrics.get(name).name()).isEqualTo(name);
        }
        Metric plain = Metrics.get("mse");
        Metric weighted = Metrics.get("mse").withName("mse_1");
        plain.update(Y_TRUE, Y_PRED, null);
        weighted.update(Y_TRUE, Y_PRED, WEIGHTS);
        assertThat(plain.result()).isCloseTo(2.0, within(1e-12));
        assertThat(weighted.result()).isCloseTo(4 / 4.5, within(1e-12));
    }

    @Test
    @Tag("needs-losses")
    void resolveCrossentropyUsesTheRealLosses() {
        Metric binary = Metrics.resolve("ce", null, 1);
        binary.update(Nd4j.create(new double[][] {{1}, {0}}), Nd4j.create(new double[][] {{0.8}, {0.4}}), null);
        // (-log 0.8 - log 0.6) / 2
        assertThat(binary.result()).isCloseTo((-Math.log(0.8) - Math.log(0.6)) / 2, within(1e-6));
        assertThat(binary.name()).isEqualTo("ce");

        Metric sparse = Metrics.resolve("crossentropy", "sparse_categorical_crossentropy", 3);
        sparse.update(Nd4j.create(new double[][] {{2}, {1}}),
                Nd4j.create(new double[][] {{0.2, 0.3, 0.5}, {0.1, 0.6, 0.3}}), null);
        // (-log 0.5 - log 0.6) / 2
        assertThat(sparse.result()).isCloseTo((-Math.log(0.5) - Math.log(0.6)) / 2, within(1e-6));
    }
}
