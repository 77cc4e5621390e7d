package io.kerflux.core.io;

import static io.kerflux.core.io.ModelsJsonTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.Nadam;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kerflux's {@code .keras} archives against archives Keras 3.15.1 wrote itself: the fixtures under
 * {@code keras/keras3/} (README §6) and {@code keras/keras3-optimizers/} (written by
 * examples/interop/make_optimizer_fixtures.py: a Dense-Dense model trained 2 steps with each optimizer,
 * plus Keras' predictions before and after one more step).
 */
class ModelsKeras3Test {
    private static final double TOLERANCE = 1e-5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPTIMIZER_CASES = List.of("sgd", "sgd_nesterov", "sgd_global_clipnorm", "rmsprop",
            "adagrad", "adadelta", "adam", "adam_amsgrad", "adam_inverse_time_decay", "adam_clipvalue", "adamax", "nadam");
    private static final List<String> MODEL_FIXTURES = List.of("mlp_dropout_adam", "conv2d_bn_pool", "embedding_lstm",
            "gru_stacked_reset_after", "bidirectional_lstm", "causal_conv1d_gap", "simplernn_go_backwards",
            "timedistributed_dense");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expected() throws IOException {
        return JSON.readValue(Files.readString(fixture("keras3-optimizers/expected.json")), Map.class);
    }

    private static INDArray matrix(Object rows) {
        List<?> r = (List<?>) rows;
        float[][] out = new float[r.size()][];
        for (int i = 0; i < out.length; i++) {
            List<?> row = (List<?>) r.get(i);
            out[i] = new float[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = ((Number) row.get(j)).floatValue();
            }
        }
        return Nd4j.create(out);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKerasOptimizerStateContinuesTrainingAsKerasDid() throws IOException {
        Map<String, Object> expected = expected();
        INDArray x = matrix(expected.get("x"));
        INDArray stepX = matrix(expected.get("step_x"));
        INDArray stepY = matrix(expected.get("step_y"));
        for (String name : OPTIMIZER_CASES) {
            Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) expected.get("cases")).get(name);
            Sequential model = Models.loadModel(fixture("keras3-optimizers/" + name + ".keras"));
            assertThat(model.optimizer().iterations()).as(name).isEqualTo(2);
            assertThat(maxAbsDiff(model.predict(x), matrix(c.get("before")))).as(name + " before").isLessThan(TOLERANCE);
            model.trainOnBatch(stepX, stepY);
            // the step uses the restored slots: fresh ones would move the weights elsewhere
            assertThat(maxAbsDiff(model.predict(x), matrix(c.get("after_step")))).as(name + " after one step")
                    .isLessThan(TOLERANCE);
        }
    }

    @Test
    void savingALoadedKerasArchiveWritesWhatKerasWrote() throws IOException {
        List<String> files = new ArrayList<>();
        OPTIMIZER_CASES.forEach(n -> files.add("keras3-optimizers/" + n + ".keras"));
        MODEL_FIXTURES.forEach(n -> files.add("keras3/" + n + ".keras"));
        for (String file : files) {
            Path ours = dir.resolve(Path.of(file).getFileName());
            Models.loadModel(fixture(file)).save(ours);
            List<String> differences = new ArrayList<>();
            Object theirConfig = JSON.readValue(entry(fixture(file), "config.json"), Object.class);
            Object ourConfig = JSON.readValue(entry(ours, "config.json"), Object.class);
            diff(ourConfig, theirConfig, "config", differences);
            Map<String, String> theirTree = datasets(bytes(fixture(file), "model.weights.h5"));
            Map<String, String> ourTree = datasets(bytes(ours, "model.weights.h5"));
            for (String path : union(theirTree.keySet(), ourTree.keySet())) {
                if (!String.valueOf(theirTree.get(path)).equals(String.valueOf(ourTree.get(path)))) {
                    differences.add(path + ": ours " + ourTree.get(path) + ", Keras' " + theirTree.get(path));
                }
            }
            // this library keeps the loss compile resolved, not the alias it was given
            differences.remove("config.compile_config.loss: ours \"mean_squared_error\", Keras' \"mse\"");
            // this library's Adagrad starts its accumulators at zero (Keras 2); a loaded state replaces them anyway
            differences.remove("config.compile_config.optimizer.config.initial_accumulator_value: ours 0.0, Keras' 0.1");
            if (file.endsWith("embedding_lstm.keras")) {
                // Keras' input layer takes int32 token ids; this library's models have one float type
                assertThat(differences).as(file).containsExactly(
                        "config.config.layers[0].config.dtype: ours \"float32\", Keras' \"int32\"");
            } else {
                assertThat(differences).as(file).isEmpty();
            }
            try (ZipFile zip = new ZipFile(ours.toFile())) {
                assertThat(zip.stream().map(e -> e.getName() + ":" + e.getMethod()).toList()).as(file)
                        .containsExactly("metadata.json:0", "config.json:0", "model.weights.h5:0");
            }
            Map<?, ?> metadata = JSON.readValue(entry(ours, "metadata.json"), Map.class);
            assertThat(keys(metadata)).as(file).containsExactlyInAnyOrder("keras_version", "date_saved");
        }
    }

    @Test
    void saveWeightsToADotWeightsH5FileWritesKerasWeightsLayout() throws IOException {
        // Keras 3's save_weights writes what model.weights.h5 holds, optimizer state included
        for (String name : List.of("keras3/mlp_dropout_adam", "keras3/bidirectional_lstm", "keras3-optimizers/adam_amsgrad")) {
            Sequential model = Models.loadModel(fixture(name + ".keras"));
            Path weights = dir.resolve(Path.of(name).getFileName() + ".weights.h5");
            model.saveWeights(weights);
            assertThat(datasets(Files.readAllBytes(weights))).as(name)
                    .isEqualTo(datasets(bytes(fixture(name + ".keras"), "model.weights.h5")));
            Sequential fresh = Models.loadModel(fixture(name + ".keras"));
            fresh.setWeights(fresh.getWeights().stream().map(w -> w.mul(0)).toList());
            fresh.loadWeights(weights);
            for (int i = 0; i < model.getWeights().size(); i++) {
                assertThat(fresh.getWeights().get(i)).as(name + " weight " + i).isEqualTo(model.getWeights().get(i));
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return new String(z.getInputStream(z.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    /** Every dataset of a weights file: path → Java type, shape and values. */
    private static Map<String, String> datasets(byte[] h5) {
        Map<String, String> out = new TreeMap<>();
        try (HdfFile f = HdfFile.fromBytes(h5)) {
            walk(f, out);
        }
        return out;
    }

    private static void walk(Group g, Map<String, String> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group child) {
                walk(child, out);
            } else if (n instanceof Dataset d) {
                Object flat = d.getDataFlat();
                String values = flat.getClass().isArray() ? arrayToString(flat) : flat.toString();
                out.put(d.getPath(), d.getJavaType().getSimpleName() + Arrays.toString(d.getDimensions()) + values);
            }
        }
    }

    private static String arrayToString(Object array) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Array.getLength(array); i++) {
            sb.append(i == 0 ? "" : ",").append(Array.get(array, i));
        }
        return sb.append(']').toString();
    }

    /** Structural JSON difference; Keras' {@code shared_object_id} bookkeeping is ignored. */
    private static void diff(Object ours, Object theirs, String path, List<String> out) {
        if (ours instanceof Map<?, ?> a && theirs instanceof Map<?, ?> b) {
            for (Object k : union(keys(a), keys(b))) {
                if (!k.equals("shared_object_id")) {
                    if (!a.containsKey(k) || !b.containsKey(k)) {
                        out.add(path + "." + k + ": ours " + a.containsKey(k) + ", Keras' " + b.containsKey(k));
                    } else {
                        diff(a.get(k), b.get(k), path + "." + k, out);
                    }
                }
            }
        } else if (ours instanceof List<?> a && theirs instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(a.get(i), b.get(i), path + "[" + i + "]", out);
            }
        } else if (ours instanceof Number a && theirs instanceof Number b) {
            if (Math.abs(a.doubleValue() - b.doubleValue()) > 1e-7 * Math.abs(b.doubleValue())) {
                out.add(path + ": ours " + a + ", Keras' " + b);
            }
        } else if (!java.util.Objects.equals(ours, theirs)) {
            out.add(path + ": ours " + json(ours) + ", Keras' " + json(theirs));
        }
    }

    private static Set<String> keys(Map<?, ?> m) {
        Set<String> out = new java.util.TreeSet<>();
        m.keySet().forEach(k -> out.add((String) k));
        return out;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void kerasNadamIsKeras2NadamWithScheduleDecayOne() throws IOException {
        Sequential model = Models.loadModel(fixture("keras3-optimizers/nadam.keras"));
        assertThat(model.optimizer().getConfig().get("schedule_decay")).isEqualTo(1.0);
        Sequential keras2 = new Sequential(3);
        keras2.add(Dense.builder(2).inputShape(3).build());
        keras2.compile(Nadam.builder().build(), io.kerflux.core.losses.Losses.get("mse"), List.of());
        assertThatThrownBy(() -> keras2.save(dir.resolve("nadam.keras")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schedule_decay=0.004");
    }
}
