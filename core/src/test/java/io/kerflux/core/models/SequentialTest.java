package io.kerflux.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Embedding;
import io.kerflux.core.layers.TimeDistributed;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.optimizers.SGD;
import io.kerflux.core.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequentialTest {

    private static INDArray col(double... v) {
        return Nd4j.create(v, new long[] {v.length, 1}, DataType.DOUBLE);
    }

    /** Dense(1) without bias on one feature with weight w, in double precision: predictions are w·x. */
    private static Sequential linear(double w) {
        Sequential model = Sequential.builder().dtype(DataType.DOUBLE).seed(1).build();
        model.add(Dense.builder(1).useBias(false).inputShape(1).build());
        model.setWeights(List.of(Nd4j.create(new double[][] {{w}})));
        return model;
    }

    private static double weight(Sequential model) {
        return model.getWeights().get(0).getDouble(0);
    }

    @Test
    void handComputedStepsOfTheSpecExample() {
        // KERAS_SEMANTICS §5: Dense(1) no bias, w=0, SGD lr .1, mse, metrics ['mae'], x=[1,2,3], y=[3,6,3], B=2.
        Sequential model = linear(0);
        model.compile(SGD.builder().learningRate(0.1).build(), io.kerflux.core.losses.Losses.get("mse"), List.of("mae"));
        assertThat(model.metricsNames()).containsExactly("loss", "mae");
        double[] first = model.trainOnBatch(col(1, 2), col(3, 6), null, null, false);
        // loss = ((0-3)^2 + (0-6)^2)/2 = 22.5; dL/dw = (2·-3·1 + 2·-6·2)/2 = -15 -> w = 1.5; mae = 4.5
        assertThat(first[0]).isCloseTo(22.5, within(1e-12));
        assertThat(first[1]).isCloseTo(4.5, within(1e-12));
        assertThat(weight(model)).isCloseTo(1.5, within(1e-12));
        double[] second = model.trainOnBatch(col(3), col(3), null, null, false);
        // pred 4.5: loss 2.25; dL/dw = 2·1.5·3 = 9 -> w = 0.6; running mae = (3 + 6 + 1.5)/3 = 3.5
        assertThat(second[0]).isCloseTo(2.25, within(1e-12));
        assertThat(second[1]).isCloseTo(3.5, within(1e-12));
        assertThat(weight(model)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void resetMetricsTrueDescribesOnlyThisBatch() {
        Sequential model = linear(0);
        model.compile("sgd", "mse", List.of("mae"));
        model.testOnBatch(col(1, 2), col(3, 6));
        double[] second = model.testOnBatch(col(3), col(4));
        assertThat(second[1]).isCloseTo(4.0, within(1e-12));
        model.testOnBatch(col(1, 2), col(3, 6), null, false);
        double[] accumulated = model.testOnBatch(col(3), col(4), null, false);
        // running mae over the two batches: (3 + 6 + 4) / 3
        assertThat(accumulated[1]).isCloseTo(13.0 / 3, within(1e-12));
    }

    @Test
    void plainAndWeightedMetricsOfTheSpecExample() {
        // per-sample mse [2, 0, 4] with w = [1, 3, .5]: loss (2+0+2)/3, plain mse 6/3 = 2, weighted mse 4/4.5.
        Sequential model = linear(1);
        model.compile(CompileOptions.builder("sgd", "mse").metrics("mse").weightedMetrics("mse").build());
        assertThat(model.metricsNames()).containsExactly("loss", "mse", "mse_1");
        INDArray x = col(1, 1, 1);
        INDArray y = col(1 - Math.sqrt(2), 1, 3);
        double[] v = model.testOnBatch(x, y, Nd4j.create(new double[] {1, 3, 0.5}), true);
        assertThat(v[0]).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(v[1]).isCloseTo(2.0, within(1e-12));
        assertThat(v[2]).isCloseTo(4 / 4.5, within(1e-12));
    }

    @Test
    void classWeightsMultiplySampleWeights() {
        // y = [1, 0, 1], sw = [2, 1, 1], cw = {0: 1, 1: .5} -> effective [1, 1, .5] (§4).
        Sequential model = linear(0);
        model.compile(CompileOptions.builder("sgd", "mse").weightedMetrics("mse").build());
        INDArray x = col(1, 1, 1);
        double[] v = model.trainOnBatch(x, col(1, 0, 1), Nd4j.create(new double[] {2, 1, 1}), Map.of(0, 1.0, 1, 0.5), true);
        // predictions 0: per-sample mse [1, 0, 1]; loss (1·1 + 1·0 + .5·1)/3 = .5; weighted mse 1.5/2.5
        assertThat(v[0]).isCloseTo(0.5, within(1e-12));
        assertThat(v[1]).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void lossWeightsAndRegularizationEnterTheReportedLoss() {
        Sequential model = Sequential.builder().dtype(DataType.DOUBLE).build();
        model.add(Dense.builder(1).useBias(false).kernelRegularizer(Regularizers.l2(0.01)).inputShape(2).build());
        model.setWeights(List.of(Nd4j.create(new double[][] {{3}, {4}})));
        model.compile(CompileOptions.builder("sgd", "mse").lossWeights(List.of(2.0)).build());
        double[] v = model.testOnBatch(Nd4j.create(new double[][] {{1, 1}}), col(5));
        // pred 7, mse 4, times loss weight 2, plus .01·(9 + 16)
        assertThat(v[0]).isCloseTo(8.25, within(1e-12));
    }

    @Test
    void learnsXorFromAFixedSeedReproducibly() {
        List<INDArray> first = null;
        for (int run = 0; run < 2; run++) {
            Sequential model = new Sequential(7);
            model.add(new Dense(8, "tanh").inputShape(2));
            model.add(new Dense(1, "sigmoid"));
            model.compile("adam", "binary_crossentropy", List.of("accuracy"));
            INDArray x = Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
            INDArray y = Nd4j.create(new float[][] {{0}, {1}, {1}, {0}});
            model.optimizer().learningRate(0.05);
            double[] v = null;
            for (int i = 0; i < 1500; i++) {
                v = model.trainOnBatch(x, y);
            }
            assertThat(v[0]).isLessThan(0.05);
            assertThat(v[1]).isEqualTo(1.0);
            if (first == null) {
                first = model.getWeights();
            } else {
                assertThat(model.getWeights()).isEqualTo(first);
            }
        }
    }

    @Test
    void frozenLayersKeepTheirWeights() {
        Sequential model = new Sequential(3);
        Layer frozen = new Dense(4, "relu").inputShape(3);
        model.add(frozen);
        model.add(new Dense(1));
        frozen.trainable(false);
        model.compile("sgd", "mse");
        List<INDArray> before = frozen.getWeights();
        List<INDArray> headBefore = model.getLayer(1).getWeights();
        model.trainOnBatch(Nd4j.rand(DataType.FLOAT, 5, 3), Nd4j.rand(DataType.FLOAT, 5, 1));
        assertThat(frozen.getWeights()).isEqualTo(before);
        assertThat(model.getLayer(1).getWeights()).isNotEqualTo(headBefore);
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        assertThat(lines).contains("Trainable params: 5", "Non-trainable params: 16");
    }

    @Test
    void summaryMatchesKerasLayout() {
        Sequential model = new Sequential(1);
        model.add(new Dense(512, "relu").inputShape(784));
        model.add(new Dense(10, "softmax"));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String rule = "_".repeat(65);
        String thick = "=".repeat(65);
        // Keras 2 columns start at 0, 29 and 55; params: 784·512 + 512 = 401920, 512·10 + 10 = 5130.
        assertThat(lines).containsExactly(
                "Model: \"sequential_1\"",
                rule,
                "Layer (type)                 Output Shape              Param #   ",
                thick,
                "dense_1 (Dense)              (None, 512)               401920    ",
                rule,
                "dense_2 (Dense)              (None, 10)                5130      ",
                thick,
                "Total params: 407,050",
                "Trainable params: 407,050",
                "Non-trainable params: 0",
                rule);
    }

    @Test
    void namesLayersPerClassAndRejectsDuplicates() {
        Sequential model = new Sequential();
        model.add(new Dense(2).inputShape(3));
        model.add(new Dense(2).name("dense_3"));
        model.add(new Dense(2));
        assertThat(model.layers()).extracting(Layer::name).containsExactly("dense_1", "dense_3", "dense_4");
        assertThatThrownBy(() -> model.add(new Dense(2).name("dense_1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unique names").hasMessageContaining("dense_1");
    }

    @Test
    void getLayerByNameAndIndex() {
        Sequential model = new Sequential();
        model.add(new Dense(2).inputShape(3));
        model.add(new Dense(1));
        assertThat(model.getLayer("dense_2")).isSameAs(model.layers().get(1));
        assertThat(model.getLayer(-1)).isSameAs(model.layers().get(1));
        assertThat(model.getLayer("dense_2", 0)).isSameAs(model.layers().get(0));
        assertThatThrownBy(() -> model.getLayer(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Was asked to retrieve layer at index 3 but model only has 2 layers.");
        assertThatThrownBy(() -> model.getLayer("zzz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No such layer: zzz");
        assertThatThrownBy(() -> model.getLayer(null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Provide either a layer name or layer index.");
    }

    @Test
    void predictOnBatchNeedsNoCompileAndBuildsFromData() {
        Sequential model = new Sequential(5);
        model.add(new Dense(3, "relu"));
        model.add(new Dense(2));
        assertThat(model.isBuilt()).isFalse();
        INDArray out = model.predictOnBatch(Nd4j.rand(DataType.FLOAT, 4, 6));
        assertThat(out.shape()).containsExactly(4, 2);
        assertThat(model.inputShape()).containsExactly(6);
    }

    @Test
    void rejectsTrainingBeforeCompile() {
        Sequential model = new Sequential();
        model.add(new Dense(1).inputShape(2));
        assertThatThrownBy(() -> model.trainOnBatch(Nd4j.ones(3, 2), Nd4j.ones(3, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("You must compile a model before training/testing");
    }

    @Test
    void rejectsUnknownIdentifiersAtCompile() {
        Sequential model = new Sequential();
        model.add(new Dense(1).inputShape(2));
        assertThatThrownBy(() -> model.compile("foo", "mse")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown optimizer: foo");
        assertThatThrownBy(() -> model.compile("sgd", "foo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown loss function:foo");
        assertThatThrownBy(() -> model.compile("sgd", "mse", List.of("foo"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown metric function:foo");
        assertThatThrownBy(() -> model.compile(CompileOptions.builder("sgd", "mse").sampleWeightMode("element").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample_weight_mode=element");
        assertThatThrownBy(() -> model.compile(CompileOptions.builder("sgd", List.of("mse", "mae")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The model has 1 output");
        assertThatThrownBy(() -> model.compile(CompileOptions.builder("sgd", Map.of("out", "mse")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"out\"").hasMessageContaining("dense_1");
        assertThatThrownBy(() -> model.compile(CompileOptions.builder("sgd", "mse").targetTensors(Nd4j.ones(1)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target_tensors");
    }

    @Test
    void rejectsBadShapesAndCountsWithKerasMessages() {
        Sequential model = new Sequential();
        model.add(new Dense(4).inputShape(3));
        model.add(new Dense(10, "softmax"));
        model.compile("sgd", "categorical_crossentropy");
        assertThatThrownBy(() -> model.trainOnBatch(Nd4j.ones(5, 4), Nd4j.ones(5, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Error when checking input: expected dense_1_input to have shape (3,) but got array with shape (4,)");
        assertThatThrownBy(() -> model.trainOnBatch(Nd4j.ones(5, 3, 1), Nd4j.ones(5, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Error when checking input: expected dense_1_input to have 2 dimensions, but got array with shape (5, 3, 1)");
        assertThatThrownBy(() -> model.trainOnBatch(Nd4j.ones(10, 3), Nd4j.ones(8, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input arrays should have the same number of samples as target arrays. Found 10 input samples and 8 target samples.");
        assertThatThrownBy(() -> model.trainOnBatch(Nd4j.ones(10, 3), Nd4j.ones(10, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("You are passing a target array of shape (10, 1) while using as loss `categorical_crossentropy`.");
        assertThatThrownBy(() -> model.trainOnBatch(Nd4j.ones(10, 3), Nd4j.ones(10, 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Error when checking target: expected dense_2 to have shape (10,) but got array with shape (9,)");
    }

    @Test
    void rejectsBadWeightsWithKerasMessages() {
        Sequential model = new Sequential();
        model.add(new Dense(1).inputShape(2));
        model.compile("sgd", "mse");
        INDArray x = Nd4j.ones(3, 2);
        INDArray y = Nd4j.create(new float[][] {{0}, {1}, {2}});
        assertThatThrownBy(() -> model.trainOnBatch(x, y, null, Map.of(0, 1.0), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`class_weight` must contain all classes in the data. The classes {1, 2} exist in the data but not in `class_weight`.");
        assertThatThrownBy(() -> model.trainOnBatch(x, y, Nd4j.ones(3, 2), null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample_weight_mode=\"temporal\"");
        assertThatThrownBy(() -> model.trainOnBatch(x, y, Nd4j.ones(4), null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Found a sample_weight array with shape (4,) for an input with shape (3, 1). sample_weight cannot be broadcast.");
        model.compile(CompileOptions.builder("sgd", "mse").sampleWeightMode("temporal").build());
        assertThatThrownBy(() -> model.trainOnBatch(x, y, Nd4j.ones(3, 1), null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("restricted to outputs that are at least 3D");
    }

    @Test
    void outputMaskWeightsThePerTimestepLoss() {
        // Embedding rows [0], [1], [2] with mask_zero, then TimeDistributed(Dense(1), w = 1): outputs = the rows.
        Sequential model = Sequential.builder().dtype(DataType.DOUBLE).build();
        model.add(Embedding.builder(3, 1).maskZero(true).inputShape(3).build());
        model.add(new TimeDistributed(Dense.builder(1).useBias(false).build()));
        model.setWeights(List.of(Nd4j.create(new double[][] {{0}, {1}, {2}}), Nd4j.create(new double[][] {{1}})));
        model.compile(CompileOptions.builder("sgd", "mse").metrics("mae").build());
        INDArray x = Nd4j.create(new double[][] {{1, 2, 0}});
        INDArray y = Nd4j.create(new double[] {0, 0, 5}, new long[] {1, 3, 1});
        double[] v = model.testOnBatch(x, y);
        // squared errors 1, 4, 25; the padded third step (input 0) is masked out but still counts in the mean: 5/3.
        assertThat(v[0]).isCloseTo(5.0 / 3, within(1e-12));
        // mae as a mean over the unmasked steps: (1 + 2) / 2
        assertThat(v[1]).isCloseTo(1.5, within(1e-12));
    }
}
