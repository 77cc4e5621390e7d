package io.kerflux.core.io;

import static io.kerflux.core.io.ModelsJsonTest.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.kerflux.core.layers.Conv2D;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Dropout;
import io.kerflux.core.layers.Flatten;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.layers.MaxPooling2D;
import io.kerflux.core.models.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelsSaveTest {
    @TempDir
    Path dir;

    private static INDArray random(long seed, long... shape) {
        Random r = new Random(seed);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] x = new float[(int) n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(x, shape, 'c');
    }

    private static Sequential mlp() {
        Sequential m = new Sequential(1);
        m.add(Dense.builder(5).activation("relu").inputShape(4).build());
        m.add(new Dropout(0.2));
        m.add(new Dense(3, "softmax"));
        m.compile("adam", "categorical_crossentropy", List.of("accuracy"));
        return m;
    }

    private static Sequential cnn() {
        Sequential m = new Sequential(2);
        m.add(Conv2D.builder(2, 3, 3).activation("relu").inputShape(6, 6, 1).build());
        m.add(new MaxPooling2D(2, 2));
        m.add(new Flatten());
        m.add(new Dense(2));
        return m;
    }

    private static Sequential lstm(String recurrentActivation) {
        Sequential m = new Sequential(3);
        m.add(LSTM.builder(3).recurrentActivation(recurrentActivation).returnSequences(true).inputShape(4, 2).build());
        m.add(new LSTM(2));
        m.add(new Dense(1));
        m.compile("rmsprop", "mse");
        return m;
    }

    private void assertRoundTrip(Sequential original, INDArray x, String file) throws IOException {
        Path path = dir.resolve(file);
        original.save(path);
        Sequential loaded = Models.loadModel(path);
        assertThat(loaded.predict(x)).as(file).isEqualTo(original.predict(x));
        assertThat(summary(loaded)).as(file).isEqualTo(summary(original));
        assertThat(loaded.isCompiled()).isEqualTo(original.isCompiled());
        if (original.isCompiled()) {
            assertThat(loaded.optimizer().getConfig()).isEqualTo(original.optimizer().getConfig());
            assertThat(loaded.loss().name()).isEqualTo(original.loss().name());
            assertThat(loaded.metricsNames()).isEqualTo(original.metricsNames());
        }
    }

    @Test
    void mlpCnnAndLstmRoundTripThroughH5AndKeras() throws IOException {
        for (String ext : List.of(".h5", ".keras")) {
            assertRoundTrip(mlp(), random(1, 3, 4), "mlp" + ext);
            assertRoundTrip(cnn(), random(2, 2, 6, 6, 1), "cnn" + ext);
            assertRoundTrip(lstm("sigmoid"), random(3, 2, 4, 2), "lstm" + ext);
        }
        assertRoundTrip(lstm("hard_sigmoid"), random(3, 2, 4, 2), "lstm_hard.h5");
    }

    @Test
    void h5FollowsTheKeras2Layout() throws IOException {
        Sequential m = mlp();
        Path path = dir.resolve("m.h5");
        m.save(path);
        try (HdfFile f = new HdfFile(path)) {
            assertThat(f.getAttribute("keras_version").getData()).isEqualTo("2.3.1");
            assertThat(f.getAttribute("backend").getData()).isEqualTo("tensorflow");
            assertThat((String) f.getAttribute("model_config").getData()).startsWith("{\"class_name\":\"Sequential\"");
            assertThat((String) f.getAttribute("training_config").getData()).contains("\"loss\":\"categorical_crossentropy\"");
            String config = (String) f.getAttribute("model_config").getData();
            assertThat(config).contains("\"layers\":[{\"class_name\":\"InputLayer\",\"config\":{\"batch_input_shape\":[null,4]")
                    .containsOnlyOnce("batch_input_shape");
            // Keras matches only the layers with weights, in order; the Dropout's empty group is left out
            assertThat((String[]) f.getByPath("model_weights").getAttribute("layer_names").getData())
                    .containsExactly("dense_1", "dense_2");
            assertThat((String[]) f.getByPath("model_weights/dense_1").getAttribute("weight_names").getData())
                    .containsExactly("dense_1/kernel:0", "dense_1/bias:0");
            assertThat(f.getDatasetByPath("model_weights/dense_1/dense_1/kernel:0").getDimensions()).containsExactly(4, 5);
            assertThat(f.getByPath("optimizer_weights")).isNotNull();
        }
    }

    @Test
    void optimizerStateSurvivesH5AndKerasRoundTrips() throws IOException {
        // no Dropout: its mask generator is not saved (nor in Keras), so the next steps would differ
        Sequential m = new Sequential(5);
        m.add(Dense.builder(5).activation("relu").inputShape(4).build());
        m.add(new Dense(3, "softmax"));
        INDArray x = random(4, 6, 4);
        INDArray y = Nd4j.zeros(6, 3);
        y.putScalar(new long[] {0, 1}, 1);
        m.add(new io.kerflux.core.layers.Activation("linear"));
        m.compile("adam", "categorical_crossentropy", List.of("accuracy"));
        m.trainOnBatch(x, y);
        for (String file : List.of("trained.h5", "trained.keras")) {
            Path path = dir.resolve(file);
            m.save(path);
            Sequential loaded = Models.loadModel(path);
            List<INDArray> saved = m.optimizer().getWeights();
            List<INDArray> restored = loaded.optimizer().getWeights();
            assertThat(restored).as(file).hasSameSizeAs(saved);
            for (int i = 0; i < saved.size(); i++) {
                assertThat(restored.get(i).castTo(saved.get(i).dataType()).reshape(saved.get(i).shape()))
                        .as(file + " state " + i).isEqualTo(saved.get(i));
            }
            // the next step from the restored state is the step the original model takes
            assertThat(loaded.trainOnBatch(x, y)).as(file).containsExactly(m.trainOnBatch(x, y));
        }
    }

    @Test
    void saveWeightsThenLoadWeightsRestoresEveryArray() throws IOException {
        Sequential a = cnn();
        Path path = dir.resolve("w.h5");
        a.saveWeights(path);
        Sequential b = new Sequential(99);
        b.add(Conv2D.builder(2, 3, 3).activation("relu").inputShape(6, 6, 1).build());
        b.add(new MaxPooling2D(2, 2));
        b.add(new Flatten());
        b.add(new Dense(2));
        assertThat(b.getWeights().get(0)).isNotEqualTo(a.getWeights().get(0));
        b.loadWeights(path);
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertThat(b.getWeights().get(i)).isEqualTo(a.getWeights().get(i));
        }
    }

    @Test
    void kerasArchiveRefusesKeras2HardSigmoid() {
        Path path = dir.resolve("hard.keras");
        assertThatThrownBy(() -> lstm("hard_sigmoid").save(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recurrent_activation").hasMessageContaining("hard_sigmoid");
    }
}
