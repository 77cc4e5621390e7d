package io.kerflux.core.io;

import io.kerflux.core.layers.Layer;
import io.kerflux.core.models.Sequential;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes models: Keras 2 HDF5 ({@code .h5}, {@code .hdf5}) or a Keras 3 style {@code .keras} archive. */
final class ModelSaver {
    private ModelSaver() { }

    static void save(Sequential model, Path path) throws IOException {
        requireBuilt(model);
        if (path.getFileName().toString().endsWith(".keras")) {
            saveArchive(model, path);
        } else {
            Hdf5Writer.saveKeras2(model, path);
        }
    }

    static void saveWeights(Sequential model, Path path) throws IOException {
        requireBuilt(model);
        if (path.getFileName().toString().endsWith(".keras")) {
            throw new IllegalArgumentException("save_weights writes HDF5; a .keras archive holds a whole model, use "
                    + "save(). Received: filepath=" + path);
        }
        Hdf5Writer.saveKeras2Weights(model, path);
    }

    private static void requireBuilt(Sequential model) {
        if (!model.isBuilt()) {
            throw new IllegalStateException("This model has not yet been built; build it before saving it.");
        }
    }

    /** The Keras 3 archive: metadata.json, config.json and model.weights.h5, stored uncompressed as Keras does. */
    private static void saveArchive(Sequential model, Path path) throws IOException {
        Map<String, Object> config = keras3Config(model);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("keras_version", ModelJson.KERAS_VERSION);
        Path weights = Files.createTempFile("kerflux-", ".weights.h5");
        try {
            Hdf5Writer.saveKeras3Weights(model, weights);
            try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
                stored(zip, "metadata.json", ModelJson.write(metadata).getBytes(StandardCharsets.UTF_8));
                stored(zip, "config.json", ModelJson.write(config).getBytes(StandardCharsets.UTF_8));
                stored(zip, "model.weights.h5", Files.readAllBytes(weights));
            }
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * The Keras 3 {@code config.json}: module-qualified objects and a leading InputLayer with
     * {@code batch_shape}; layer configs keep their Keras 2 keys.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> keras3Config(Sequential model) {
        List<Object> layers = new ArrayList<>();
        Map<String, Object> input = new LinkedHashMap<>();
        List<Object> batchShape = new ArrayList<>();
        batchShape.add(model.fixedBatchSize().isPresent() ? model.fixedBatchSize().getAsLong() : null);
        for (long d : model.inputShape()) {
            batchShape.add(d);
        }
        input.put("batch_shape", batchShape);
        input.put("dtype", Layer.floatxName(model.dtype()));
        input.put("sparse", false);
        input.put("name", "input_layer");
        layers.add(wrap("keras.layers", "InputLayer", input));
        for (Layer layer : model.layers()) {
            Map<String, Object> c = new LinkedHashMap<>(layer.getConfig());
            c.remove("batch_input_shape");
            for (Map.Entry<String, Object> e : c.entrySet()) {
                if (e.getKey().endsWith("activation") && "hard_sigmoid".equals(e.getValue())) {
                    throw new IllegalArgumentException("Layer " + layer.name() + ", key \"" + e.getKey() + "\": Keras 3 "
                            + "redefined hard_sigmoid, so a .keras file would change the model; save it as .h5. "
                            + "Received: " + e.getKey() + "=hard_sigmoid");
                }
                if (e.getValue() instanceof Map<?, ?> m && m.containsKey("class_name")) {
                    e.setValue(wrap(module(e.getKey()), (String) m.get("class_name"),
                            (Map<String, Object>) m.get("config")));
                }
            }
            layers.add(wrap("keras.layers", layer.className(), c));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("trainable", true);
        config.put("layers", layers);
        Map<String, Object> root = wrap("keras", "Sequential", config);
        root.put("compile_config", model.isCompiled() ? compileConfig(model) : Map.of());
        return root;
    }

    private static String module(String key) {
        if (key.endsWith("initializer")) {
            return "keras.initializers";
        }
        if (key.endsWith("regularizer")) {
            return "keras.regularizers";
        }
        if (key.endsWith("constraint")) {
            return "keras.constraints";
        }
        return "keras.layers";
    }

    private static Map<String, Object> compileConfig(Sequential model) {
        Map<String, Object> training = TrainingConfigs.of(model);
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, Object> optimizer = castMap(training.get("optimizer_config"));
        c.put("optimizer", wrap("keras.optimizers", (String) optimizer.get("class_name"), castMap(optimizer.get("config"))));
        c.put("loss", training.get("loss"));
        c.put("metrics", training.get("metrics"));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> wrap(String module, String className, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", className);
        m.put("config", config);
        m.put("registered_name", null);
        return m;
    }
}
