package io.kerflux.core.io;

import static io.kerflux.core.io.ModelsJsonTest.fixture;
import static io.kerflux.core.io.ModelsJsonTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.Adam;
import io.kerflux.core.training.PredictOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelsLoadTest {
    private static final double TOLERANCE = 1e-5;

    /** A dataset as a float64 array (ints too: token ids). */
    static INDArray dataset(HdfFile f, String path) {
        Dataset d = f.getDatasetByPath(path);
        long[] shape = d.getDimensionsAsLong();
        Object flat = d.getDataFlat();
        if (flat instanceof float[] x) {
            return Nd4j.create(x, shape, 'c').castTo(DataType.DOUBLE);
        }
        if (flat instanceof double[] x) {
            return Nd4j.create(x, shape, 'c');
        }
        int[] ints = (int[]) flat;
        double[] x = new double[ints.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = ints[i];
        }
        return Nd4j.create(x, shape, 'c');
    }

    /** A tiny .npy v1 reader: little-endian {@code <f4}/{@code <f8}, C order (README §5). */
    static INDArray npy(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        int headerLength = b.getShort() & 0xffff;
        byte[] header = new byte[headerLength];
        b.get(header);
        String h = new String(header, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(h).contains("'fortran_order': False");
        String dims = h.substring(h.indexOf("'shape': (") + 10, h.indexOf(')', h.indexOf("'shape': (")));
        long[] shape = java.util.Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long n = java.util.Arrays.stream(shape).reduce(1, (a, c) -> a * c);
        double[] x = new double[(int) n];
        boolean f8 = h.contains("'<f8'");
        for (int i = 0; i < x.length; i++) {
            x[i] = f8 ? b.getDouble() : b.getFloat();
        }
        return Nd4j.create(x, shape, 'c');
    }

    private static byte[] zipEntry(Path zip, String name) throws IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static INDArray predict(Sequential model, INDArray x) {
        PredictOptions options = model.fixedBatchSize().isPresent()
                ? PredictOptions.builder().batchSize((int) model.fixedBatchSize().getAsLong()).verbose(0).build()
                : PredictOptions.builder().verbose(0).build();
        return model.predict(x.castTo(model.dtype()), options);
    }

    /** Checks a DL4J {@code *_inputs_and_outputs.h5} (README §1): compare against predictions/, not outputs/. */
    private static void assertReproduces(Sequential model, String ioFile) throws IOException {
        try (HdfFile io = new HdfFile(fixture(ioFile))) {
            String in = jsonFirst(io, "inputs");
            String out = jsonFirst(io, "outputs");
            INDArray x = dataset(io, "inputs/" + in);
            INDArray expected = dataset(io, "predictions/" + out);
            assertThat(maxAbsDiff(predict(model, x), expected)).as(ioFile).isLessThan(TOLERANCE);
        }
    }

    private static String jsonFirst(HdfFile io, String attribute) {
        Object v = ModelJson.parse((String) io.getAttribute(attribute).getData(), attribute).get(attribute);
        return (String) ((List<?>) v).get(0);
    }

    @Test
    void dl4jFullModelFilesReproduceTheirPredictions() throws IOException {
        for (String[] pair : new String[][] {
                {"mlp/simple_sparse_xent_mlp_keras_2_model.h5", "mlp/simple_sparse_xent_mlp_keras_2_inputs_and_outputs.h5"},
                {"mlp/LeakyReLU_0_model.h5", "mlp/LeakyReLU_0_inputs_and_outputs.h5"},
                {"conv1d/conv1d_k3_s2_d1_cl_same_model.h5", "conv1d/conv1d_k3_s2_d1_cl_same_inputs_and_outputs.h5"},
                {"conv1d/causal_conv1d_k3_s1_d2_cl_model.h5", "conv1d/causal_conv1d_k3_s1_d2_cl_inputs_and_outputs.h5"},
                {"rnn/simple_flatten_lstm_tf_keras_2_model.h5", "rnn/simple_flatten_lstm_tf_keras_2_inputs_and_outputs.h5"},
                {"rnn/simple_flatten_rnn_tf_keras_2_model.h5", "rnn/simple_flatten_rnn_tf_keras_2_inputs_and_outputs.h5"}}) {
            assertReproduces(Models.loadModel(fixture(pair[0])), pair[1]);
        }
    }

    @Test
    void mnistConfigPlusWeightsFileReproducesPredictions() throws IOException {
        Sequential model = Models.modelFromJson(read("mlp/mnist_mlp_tf_keras_2_config.json"));
        model.loadWeights(fixture("mlp/mnist_mlp_tf_keras_2_weights.h5"));
        assertReproduces(model, "mlp/mnist_mlp_tf_keras_2_inputs_and_outputs.h5");
    }

    @Test
    void cnnBatchNormReproducesNpyPredictions() throws IOException {
        Sequential model = Models.loadModel(fixture("cnn/cnn_batch_norm/cnn_batch_norm.h5"));
        INDArray x = npy(fixture("cnn/cnn_batch_norm/input.npy"));
        INDArray expected = npy(fixture("cnn/cnn_batch_norm/predictions.npy"));
        // README: -0.0520611, 0.04986075, 0.16297522, 0.15389983, 0.15537278
        assertThat(expected.getDouble(0, 0)).isCloseTo(-0.0520611, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(maxAbsDiff(predict(model, x), expected)).isLessThan(TOLERANCE);
    }

    @Test
    void theanoStackedLstmReproducesPredictionsOfThreeSequences() throws IOException {
        Sequential model = Models.modelFromJson(read("rnn/stacked_lstm/lstm_th_keras_2_config.json"));
        model.loadWeights(fixture("rnn/stacked_lstm/lstm_th_keras_2_weights.h5"));
        INDArray all = npy(fixture("rnn/stacked_lstm/predictions.npy"));
        for (int i : new int[] {0, 40, 136}) {
            List<String> rows = Files.readAllLines(fixture("rnn/stacked_lstm/sequences/" + i + ".csv"));
            double[][][] x = new double[1][4][12];
            for (int t = 0; t < 4; t++) {
                String[] cols = rows.get(t).split(";");
                for (int j = 0; j < 12; j++) {
                    x[0][t][j] = Double.parseDouble(cols[j]);
                }
            }
            INDArray y = predict(model, Nd4j.create(x));
            assertThat(Math.abs(y.getDouble(0, 0) - all.getDouble(i))).as("sequence " + i).isLessThan(TOLERANCE);
        }
    }

    @Test
    void keras3ArchivesAndLegacyH5ReproduceTheirOutputs() throws IOException {
        for (String name : List.of("mlp_dropout_adam", "conv2d_bn_pool", "embedding_lstm", "gru_stacked_reset_after",
                "bidirectional_lstm", "causal_conv1d_gap", "simplernn_go_backwards", "timedistributed_dense")) {
            try (HdfFile io = new HdfFile(fixture("keras3/" + name + "_io.h5"))) {
                INDArray x = dataset(io, "inputs");
                INDArray expected = dataset(io, "outputs");
                for (String ext : List.of(".keras", ".h5")) {
                    Sequential model = Models.loadModel(fixture("keras3/" + name + ext));
                    assertThat(maxAbsDiff(predict(model, x), expected)).as(name + ext).isLessThan(TOLERANCE);
                }
            }
        }
    }

    @Test
    void compiledModelComesBackCompiledWithItsOptimizerLossAndMetrics() throws IOException {
        for (String file : List.of("keras3/mlp_dropout_adam.keras", "keras3/mlp_dropout_adam.h5")) {
            Sequential model = Models.loadModel(fixture(file));
            assertThat(model.isCompiled()).as(file).isTrue();
            assertThat(model.optimizer()).isInstanceOf(Adam.class);
            assertThat(model.optimizer().getConfig().get("learning_rate")).isEqualTo(0.009999999776482582);
            assertThat(model.loss().name()).isEqualTo("sparse_categorical_crossentropy");
            assertThat(model.metricsNames()).containsExactly("loss", "accuracy");
        }
        Sequential restored = Models.loadModel(fixture("keras3/mlp_dropout_adam.keras"));
        List<INDArray> state = restored.optimizer().getWeights();
        // iterations, then m for kernel, bias, kernel_1, bias_1, then v for the same four (README §6.3)
        assertThat(state).hasSize(9);
        assertThat(state.get(0).getDouble(0)).isEqualTo(1.0);
        try (HdfFile zipped = HdfFile.fromBytes(zipEntry(fixture("keras3/mlp_dropout_adam.keras"), "model.weights.h5"))) {
            assertThat(state.get(2)).isEqualTo(dataset(zipped, "optimizer/vars/4").castTo(DataType.FLOAT));
            assertThat(state.get(5)).isEqualTo(dataset(zipped, "optimizer/vars/3").castTo(DataType.FLOAT));
        }
        Sequential lstm = Models.loadModel(fixture("rnn/simple_flatten_lstm_tf_keras_2_model.h5"));
        assertThat(lstm.optimizer().className()).isEqualTo("RMSprop");
    }

    @Test
    void weightsFileThatDoesNotFitTheModelNamesFileAndPartAndAssignsNothing() throws IOException {
        Sequential model = Models.modelFromJson(read("mlp/mnist_mlp_tf_keras_2_config.json"));
        model.pop();
        model.add(new io.kerflux.core.layers.Dense(7));
        List<INDArray> before = model.getWeights();
        Path file = fixture("mlp/mnist_mlp_tf_keras_2_weights.h5");
        assertThatThrownBy(() -> model.loadWeights(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("dense_3/dense_3/kernel:0")
                .hasMessageContaining("[512, 7]");
        assertThat(model.getWeights().get(0)).isEqualTo(before.get(0));
    }

    @Test
    void truncatedFileIsRejectedWithItsName(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(fixture("mlp/LeakyReLU_0_model.h5"));
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(full, full.length / 3));
        assertThatThrownBy(() -> Models.loadModel(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut.h5");
        Path foreign = dir.resolve("foreign.h5");
        Files.writeString(foreign, "not hdf5 at all");
        assertThatThrownBy(() -> Models.loadModel(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("foreign.h5");
    }

    @Test
    void fixturesWithoutStoredOutputsLoadWithKerasLayouts() throws IOException {
        Sequential conv = Models.loadModel(fixture("cnn/conv2d_tensorflow_2.h5"));
        INDArray kernel = conv.layers().get(0).getWeights().get(0);
        // README §2: kernel = arange(270).reshape(3, 3, 5, 6), bias = arange(6)
        assertThat(kernel.shape()).containsExactly(3, 3, 5, 6);
        assertThat(kernel.getDouble(0, 0, 0, 5)).isEqualTo(5.0);
        assertThat(kernel.getDouble(0, 0, 1, 0)).isEqualTo(6.0);
        assertThat(kernel.getDouble(0, 1, 0, 0)).isEqualTo(30.0);
        assertThat(kernel.getDouble(1, 0, 0, 0)).isEqualTo(90.0);
        assertThat(Models.loadModel(fixture("embedding/embedding_lstm_tensorflow_2.h5")).outputShape())
                .containsExactly(10, 6);
        Sequential custom = Models.loadModel(fixture("embedding/custom_loss.h5"));
        assertThat(custom.loss().name()).isEqualTo("logcosh");
    }

    @Test
    void functionalModelFileIsRejectedWithFileAndReason() {
        Path file = fixture("rnn/gru_reset_after/temp_stateless.h5");
        assertThatThrownBy(() -> Models.loadModel(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temp_stateless.h5").hasMessageContaining("class_name=Model");
    }

    @Test
    void weightsOnlyFileIsNotAFullModel() {
        Path file = fixture("mlp/mnist_mlp_tf_keras_2_weights.h5");
        assertThatThrownBy(() -> Models.loadModel(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@model_config");
    }
}
