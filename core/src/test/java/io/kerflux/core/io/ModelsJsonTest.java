package io.kerflux.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.constraints.MaxNorm;
import io.kerflux.core.initializers.RandomNormal;
import io.kerflux.core.layers.Activation;
import io.kerflux.core.layers.AveragePooling1D;
import io.kerflux.core.layers.AveragePooling2D;
import io.kerflux.core.layers.BatchNormalization;
import io.kerflux.core.layers.Bidirectional;
import io.kerflux.core.layers.Conv1D;
import io.kerflux.core.layers.Conv2D;
import io.kerflux.core.layers.Cropping1D;
import io.kerflux.core.layers.Cropping2D;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Dropout;
import io.kerflux.core.layers.Embedding;
import io.kerflux.core.layers.Flatten;
import io.kerflux.core.layers.GRU;
import io.kerflux.core.layers.GlobalAveragePooling1D;
import io.kerflux.core.layers.GlobalAveragePooling2D;
import io.kerflux.core.layers.GlobalMaxPooling1D;
import io.kerflux.core.layers.GlobalMaxPooling2D;
import io.kerflux.core.layers.InputLayer;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.layers.LeakyReLU;
import io.kerflux.core.layers.Masking;
import io.kerflux.core.layers.MaxPooling1D;
import io.kerflux.core.layers.MaxPooling2D;
import io.kerflux.core.layers.Reshape;
import io.kerflux.core.layers.SeparableConv2D;
import io.kerflux.core.layers.SimpleRNN;
import io.kerflux.core.layers.TimeDistributed;
import io.kerflux.core.layers.UpSampling1D;
import io.kerflux.core.layers.UpSampling2D;
import io.kerflux.core.layers.ZeroPadding1D;
import io.kerflux.core.layers.ZeroPadding2D;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.regularizers.Regularizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelsJsonTest {

    static Path fixture(String relative) {
        return Path.of("src/test/resources/keras").resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(fixture(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> summary(Sequential model) {
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        return lines;
    }

    private static Sequential model(Layer... layers) {
        Sequential m = new Sequential(7);
        for (Layer l : layers) {
            m.add(l);
        }
        return m;
    }

    /** Models that together contain every layer class of io.kerflux.core.layers. */
    private static List<Sequential> everyLayer() {
        return List.of(
                model(Dense.builder(8).activation("relu").inputShape(4).useBias(false)
                                .kernelInitializer(RandomNormal.builder().stddev(0.2).seed(3L).build())
                                .kernelRegularizer(Regularizers.l1L2(0.01, 0.02))
                                .kernelConstraint(new MaxNorm(2.5)).build(),
                        new Activation("tanh"), new LeakyReLU(0.1),
                        Dropout.builder(0.25).noiseShape(Dropout.SAME_AS_INPUT, 1).seed(5L).build(),
                        BatchNormalization.builder().momentum(0.9).epsilon(1e-4).center(false).build(),
                        new Reshape(2, 4), new Flatten()),
                model(Embedding.builder(10, 3).inputLength(6).maskZero(true).build(),
                        SimpleRNN.builder(4).returnSequences(true).build(),
                        LSTM.builder(3).returnSequences(true).recurrentActivation("hard_sigmoid").build(),
                        GRU.builder(3).resetAfter(true).returnSequences(true).goBackwards(true).build(),
                        Bidirectional.builder(LSTM.builder(2).returnSequences(true).build()).mergeMode("sum").build(),
                        new TimeDistributed(new Dense(4))),
                model(Conv1D.builder(4, 3).padding("causal").dilationRate(2).inputShape(12, 2).build(),
                        new ZeroPadding1D(1, 2), new Cropping1D(1, 1), new UpSampling1D(2),
                        MaxPooling1D.builder().poolSize(2).strides(1).build(), new AveragePooling1D(2),
                        new GlobalMaxPooling1D()),
                model(new Masking(0.5).inputShape(5, 3), new GlobalAveragePooling1D()),
                model(Conv2D.builder(3, 3, 3).padding("same").strides(1, 1).inputShape(10, 10, 2).build(),
                        SeparableConv2D.builder(4, 3, 3).depthMultiplier(2).build(),
                        new ZeroPadding2D(1, 2), new Cropping2D(1, 1), UpSampling2D.builder().size(2, 1).build(),
                        MaxPooling2D.builder().poolSize(2, 2).padding("same").build(), new AveragePooling2D(2, 2),
                        new GlobalMaxPooling2D()),
                model(new InputLayer(6, 6, 1), new Conv2D(2, 3, 3), new GlobalAveragePooling2D()));
    }

    @Test
    void everyLayerClassRoundTripsWithIdenticalConfigAndSummary() {
        Set<String> covered = new HashSet<>();
        for (Sequential original : everyLayer()) {
            String json = original.toJson();
            Sequential loaded = Models.modelFromJson(json);
            assertThat(loaded.toJson()).isEqualTo(json);
            assertThat(summary(loaded)).isEqualTo(summary(original));
            for (int i = 0; i < original.layers().size(); i++) {
                // the file carries the input shape in a leading InputLayer, as tf.keras writes it
                Map<String, Object> expected = new LinkedHashMap<>(original.layers().get(i).getConfig());
                Map<String, Object> actual = new LinkedHashMap<>(loaded.layers().get(i).getConfig());
                if (i == 0) {
                    expected.remove("batch_input_shape");
                    actual.remove("batch_input_shape");
                }
                assertThat(ModelJson.write(actual)).isEqualTo(ModelJson.write(expected));
                covered.add(original.layers().get(i).className());
            }
        }
        covered.add("InputLayer");
        assertThat(covered).containsAll(layerClassesInPackage());
    }

    /** The concrete layer classes in the layers source folder, so that a new layer cannot be forgotten. */
    private static Set<String> layerClassesInPackage() {
        Set<String> names = new HashSet<>();
        try (var files = Files.list(Path.of("src/main/java/io/kerflux/core/layers"))) {
            for (Path p : files.toList()) {
                String src = Files.readString(p);
                String n = p.getFileName().toString().replace(".java", "");
                if (src.contains("public final class " + n + " extends")) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    @Test
    void writesKeras2EnvelopeWithNameAndLayers() {
        Sequential m = model(Dense.builder(2).inputShape(3).build());
        String json = m.toJson();
        // tf.keras 2's Sequential layout: an InputLayer first, the first layer without batch_input_shape
        // (Keras 3's legacy loader would read one as a per-sample input_shape); "module" lets Keras 3's
        // model_from_json find the class, Keras 2 ignores it.
        assertThat(json).startsWith("{\"module\":\"keras\",\"class_name\":\"Sequential\",\"config\":{\"name\":"
                + "\"sequential_1\",\"layers\":[{\"class_name\":\"InputLayer\",\"config\":{\"batch_input_shape\":[null,3],"
                + "\"dtype\":\"float32\",\"sparse\":false,\"name\":\"input_1\"}},"
                + "{\"class_name\":\"Dense\",\"config\":{\"name\":\"dense_1\",\"trainable\":true,"
                + "\"dtype\":\"float32\",\"units\":2,");
        assertThat(json).endsWith("\"keras_version\":\"2.3.1\",\"backend\":\"tensorflow\"}");
    }

    @Test
    void readsKeras20BareLayerListDialect() {
        Sequential m = Models.modelFromJson(read("mlp/mnist_mlp_tf_keras_2_config.json"));
        assertThat(m.layers()).extracting(Layer::className)
                .containsExactly("Dense", "Dropout", "Dense", "Dropout", "Dense");
        assertThat(m.inputShape()).containsExactly(784);
        assertThat(m.outputShape()).containsExactly(10);
        // 784*512+512 + 512*512+512 + 512*10+10
        assertThat(m.countParams()).isEqualTo(669_706L);
    }

    @Test
    void readsKeras3Dialect() {
        Sequential m = Models.modelFromJson(read("keras3/bidirectional_lstm.json"));
        assertThat(m.layers()).extracting(Layer::className).containsExactly("Bidirectional", "Dense");
        assertThat(m.inputShape()).containsExactly(5, 3);
        assertThat(m.outputShape()).containsExactly(2);
        for (String name : List.of("mlp_dropout_adam", "conv2d_bn_pool", "embedding_lstm", "gru_stacked_reset_after",
                "causal_conv1d_gap", "simplernn_go_backwards", "timedistributed_dense")) {
            assertThat(Models.modelFromJson(read("keras3/" + name + ".json")).isBuilt()).as(name).isTrue();
        }
    }

    @Test
    void rejectsUnknownLayerClassNamingTheLayer() {
        String json = "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"s\",\"layers\":[{\"class_name\":"
                + "\"Lambda\",\"config\":{\"name\":\"lam\"}}]}}";
        assertThatThrownBy(() -> Models.modelFromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lam").hasMessageContaining("Lambda");
    }

    @Test
    void rejectsUnsupportedKeyNamingLayerAndKey() {
        String json = "{\"class_name\":\"Sequential\",\"config\":[{\"class_name\":\"Dense\",\"config\":"
                + "{\"name\":\"d\",\"units\":2,\"batch_input_shape\":[null,3],\"wobble\":1}}]}";
        assertThatThrownBy(() -> Models.modelFromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d (Dense)").hasMessageContaining("wobble");
    }

    @Test
    void rejectsKeras3HardSigmoid() {
        String json = read("keras3/embedding_lstm.json").replace("\"recurrent_activation\": \"sigmoid\"",
                "\"recurrent_activation\": \"hard_sigmoid\"");
        assertThat(json).contains("hard_sigmoid");
        assertThatThrownBy(() -> Models.modelFromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recurrent_activation");
    }

    @Test
    void rejectsFunctionalModels() {
        assertThatThrownBy(() -> Models.modelFromJson("{\"class_name\":\"Model\",\"config\":{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class_name=Model");
    }
}
