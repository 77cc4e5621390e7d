package io.kerflux.core.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loads models and weights from Keras 2 HDF5 files and Keras 3 {@code .keras} archives. Every
 * array is read and checked before the first one is assigned, so a failure leaves nothing half
 * loaded.
 */
final class ModelLoader {
    /** The nested groups that hold a layer's variables in a Keras 3 weights file, in weight order. */
    private static final List<String> KERAS3_SUBGROUPS = List.of("cell", "forward_layer", "backward_layer", "layer");

    private ModelLoader() { }

    static boolean isKerasArchive(Path path) throws IOException {
        if (path.getFileName().toString().endsWith(".keras")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
    }

    static Sequential loadModel(Path path) throws IOException {
        try {
            return loadModelUnchecked(path);
        } catch (HdfException e) {
            throw unreadable(path, e);
        }
    }

    static void loadWeights(Sequential model, Path path) throws IOException {
        try {
            loadWeightsUnchecked(model, path);
        } catch (HdfException e) {
            throw unreadable(path, e);
        }
    }

    /** jhdf reads lazily, so a truncated file may only fail deep inside a read. */
    private static IllegalArgumentException unreadable(Path path, HdfException e) {
        return new IllegalArgumentException(path + ": not a readable HDF5 file (foreign or truncated): "
                + e.getMessage(), e);
    }

    private static Sequential loadModelUnchecked(Path path) throws IOException {
        if (isKerasArchive(path)) {
            return loadArchive(path);
        }
        try (HdfFile hdf = Hdf5Reader.open(path)) {
            Hdf5Reader r = new Hdf5Reader(path.toString(), hdf);
            String config = r.stringAttribute(hdf, "model_config");
            if (config == null) {
                throw r.error("@model_config", "the attribute is missing: this is not a full-model file (a weights-only "
                        + "file is read with model.loadWeights)");
            }
            String version = r.stringAttribute(hdf, "keras_version");
            if (version != null && version.startsWith("1.")) {
                throw r.error("@keras_version", "Keras 1 files are not supported. Received: keras_version=" + version);
            }
            Sequential model = fromConfig(r, "@model_config", config, version);
            List<List<INDArray>> weights = r.keras2Weights("model_weights", model);
            String training = r.stringAttribute(hdf, "training_config");
            assign(model, weights);
            if (training != null) {
                boolean keras3 = version != null && version.startsWith("3");
                TrainingConfigs.compile(model, ModelJson.parse(training, path + ": @training_config"), keras3,
                        path.toString());
                restoreOptimizer(r, hdf, model, version);
            }
            return model;
        }
    }

    /**
     * Restores {@code optimizer_weights}: in Keras 2.3's order, or in Keras 3's variable order when
     * Keras 3 wrote the file; earlier Keras 2 versions stored a different set of arrays. Like Keras,
     * a state that does not fit is reported and the optimizer starts fresh.
     */
    private static void restoreOptimizer(Hdf5Reader r, HdfFile hdf, Sequential model, @Nullable String version) {
        boolean keras3 = version != null && version.startsWith("3");
        if (!(hdf.getChild("optimizer_weights") instanceof Group g) || version == null
                || !(keras3 || version.startsWith("2.3"))) {
            return;
        }
        List<INDArray> state = new ArrayList<>();
        for (String name : r.stringsAttribute(g, "weight_names")) {
            state.add(r.variable(g, name, model.dtype()));
        }
        try {
            if (keras3) {
                Keras3Optimizers.restore(model, state, r.where("optimizer_weights"));
            } else {
                model.optimizer().setWeights(state);
            }
        } catch (IllegalArgumentException e) {
            System.getLogger(ModelLoader.class.getName()).log(System.Logger.Level.WARNING, "Error in loading the saved "
                    + "optimizer state of " + r.error("optimizer_weights", e.getMessage()).getMessage()
                    + ". As a result, your model is starting with a freshly initialized optimizer.");
        }
    }

    private static Sequential fromConfig(Hdf5Reader r, String part, String json, @Nullable String version) {
        Sequential model;
        try {
            model = ModelJson.fromConfig(ModelJson.parse(json, part), version);
        } catch (IllegalArgumentException e) {
            throw r.error(part, e.getMessage());
        }
        if (!model.isBuilt()) {
            throw r.error(part, "the config does not declare the input shape, so the weights cannot be placed");
        }
        return model;
    }

    private static void loadWeightsUnchecked(Sequential model, Path path) throws IOException {
        if (isKerasArchive(path)) {
            try (ZipFile zip = new ZipFile(path.toFile())) {
                byte[] h5 = entry(zip, path, "model.weights.h5");
                try (HdfFile hdf = Hdf5Reader.open(h5, path + "!model.weights.h5")) {
                    assign(model, keras3Weights(new Hdf5Reader(path + "!model.weights.h5", hdf), model));
                }
            }
            return;
        }
        try (HdfFile hdf = Hdf5Reader.open(path)) {
            Hdf5Reader r = new Hdf5Reader(path.toString(), hdf);
            if (hdf.getChild("layers") != null && hdf.getAttribute("layer_names") == null) {
                assign(model, keras3Weights(r, model));
                return;
            }
            String group = hdf.getAttribute("layer_names") == null && hdf.getChild("model_weights") != null
                    ? "model_weights" : "";
            assign(model, r.keras2Weights(group, model));
        }
    }

    private static Sequential loadArchive(Path path) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String config = new String(entry(zip, path, "config.json"), StandardCharsets.UTF_8);
            Map<String, @Nullable Object> root = ModelJson.parse(config, path + "!config.json");
            String version = null;
            if (zip.getEntry("metadata.json") != null) {
                Object v = ModelJson.parse(new String(entry(zip, path, "metadata.json"), StandardCharsets.UTF_8),
                        path + "!metadata.json").get("keras_version");
                version = v instanceof String s ? s : null;
            }
            Sequential model;
            try {
                model = ModelJson.fromConfig(root, version == null ? "3" : version);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + "!config.json: " + e.getMessage(), e);
            }
            if (!model.isBuilt()) {
                throw new IllegalArgumentException(path + "!config.json: the config does not declare the input shape");
            }
            byte[] h5 = entry(zip, path, "model.weights.h5");
            try (HdfFile hdf = Hdf5Reader.open(h5, path + "!model.weights.h5")) {
                Hdf5Reader r = new Hdf5Reader(path + "!model.weights.h5", hdf);
                assign(model, keras3Weights(r, model));
                compileArchive(model, root, path);
                if (model.isCompiled()) {
                    restoreKeras3Optimizer(r, hdf, model);
                }
            }
            return model;
        }
    }

    private static void compileArchive(Sequential model, Map<String, @Nullable Object> root, Path path) {
        if (!(root.get("compile_config") instanceof Map<?, ?> cc) || cc.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> compile = new HashMap<>((Map<String, @Nullable Object>) cc);
        compile.put("optimizer_config", compile.remove("optimizer"));
        for (String k : List.of("loss_weights", "weighted_metrics", "run_eagerly", "steps_per_execution",
                "jit_compile", "auto_scale_loss")) {
            compile.remove(k);
        }
        TrainingConfigs.compile(model, compile, true, path + "!config.json");
    }

    /** Restores a Keras 3 optimizer state, {@code optimizer/vars} (see {@link Keras3Optimizers}). */
    private static void restoreKeras3Optimizer(Hdf5Reader r, HdfFile hdf, Sequential model) {
        if (!(hdf.getChild("optimizer") instanceof Group opt) || !(opt.getChild("vars") instanceof Group vars)) {
            return;
        }
        List<INDArray> state = new ArrayList<>();
        for (int i = 0; vars.getChild(Integer.toString(i)) != null; i++) {
            state.add(r.variable(vars, Integer.toString(i), model.dtype()));
        }
        Keras3Optimizers.restore(model, state, r.where("optimizer/vars"));
    }

    private static byte[] entry(ZipFile zip, Path path, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IllegalArgumentException(path + ": " + name + ": missing from the archive");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    /**
     * Reads the Keras 3 layout {@code layers/<key>/vars/<i>}, where the key is the snake_case class
     * name plus a per-model counter (not the layer's name).
     */
    static List<List<INDArray>> keras3Weights(Hdf5Reader r, Sequential model) {
        Group layers = r.group("layers");
        Map<String, Integer> counters = new HashMap<>();
        List<List<INDArray>> out = new ArrayList<>();
        for (Layer layer : model.layers()) {
            String prefix = layer.namePrefix();
            int k = counters.merge(prefix, 1, Integer::sum) - 1;
            String key = k == 0 ? prefix : prefix + "_" + k;
            // As in Keras' H5IOStore, a missing group holds no variables.
            List<INDArray> arrays = new ArrayList<>();
            if (layers.getChild(key) instanceof Group g) {
                collectVars(r, g, model, arrays);
            }
            out.add(r.checked(layer, arrays, "layers/" + key));
        }
        return out;
    }

    private static void collectVars(Hdf5Reader r, Group g, Sequential model, List<INDArray> arrays) {
        if (g.getChild("vars") instanceof Group vars) {
            for (int i = 0; vars.getChild(Integer.toString(i)) != null; i++) {
                arrays.add(r.array(vars, Integer.toString(i), model.dtype()));
            }
        }
        for (String sub : KERAS3_SUBGROUPS) {
            if (g.getChild(sub) instanceof Group child) {
                collectVars(r, child, model, arrays);
            }
        }
    }

    private static void assign(Sequential model, List<List<INDArray>> weights) {
        for (int i = 0; i < weights.size(); i++) {
            Layer layer = model.layers().get(i);
            if (!layer.weights().isEmpty()) {
                layer.setWeights(weights.get(i));
            }
        }
    }
}
