package io.kerflux.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerflux.core.layers.InputLayer;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.models.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Keras' JSON model format ({@code model.to_json()} and {@code model_from_json}), in the Keras 2
 * dialects (2.0/2.1 bare layer list, 2.2+ {@code {name, layers}}) and the Keras 3 dialect.
 */
final class ModelJson {
    /** The Keras version written into files: the API this library follows. */
    static final String KERAS_VERSION = "2.3.1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelJson() { }

    /**
     * The model config {@code {"class_name": "Sequential", "config": {name, layers}}} as a map. A
     * built model lists an InputLayer first and its first layer without {@code batch_input_shape},
     * as tf.keras 2 writes Sequential models: Keras 2.3 reads that too, and Keras 3's legacy loader
     * would read a {@code batch_input_shape} on any other layer as a per-sample {@code input_shape}.
     */
    static Map<String, Object> modelConfig(Sequential model) {
        List<Object> layers = new ArrayList<>();
        boolean built = model.isBuilt() && !model.layers().isEmpty();
        if (built) {
            List<@Nullable Object> batchShape = new ArrayList<>();
            batchShape.add(model.fixedBatchSize().isPresent() ? model.fixedBatchSize().getAsLong() : null);
            for (long d : model.inputShape()) {
                batchShape.add(d);
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("batch_input_shape", batchShape);
            input.put("dtype", Layer.floatxName(model.dtype()));
            input.put("sparse", false);
            input.put("name", "input_1");
            layers.add(entry("InputLayer", input));
        }
        for (Layer layer : model.layers()) {
            Map<String, Object> config = new LinkedHashMap<>(layer.getConfig());
            if (built) {
                config.remove("batch_input_shape");
            }
            // Keras 3 deserializes a wrapper's layer with its new deserializer, which needs the
            // module; Keras 2 reads only class_name and config.
            if (config.get("layer") instanceof Map<?, ?> wrapped) {
                Map<String, Object> inner = new LinkedHashMap<>();
                inner.put("module", "keras.layers");
                wrapped.forEach((k, v) -> inner.put((String) k, v));
                config.put("layer", inner);
            }
            layers.add(entry(layer.className(), config));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("layers", layers);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("class_name", "Sequential");
        root.put("config", config);
        return root;
    }

    private static Map<String, Object> entry(String className, Map<String, Object> config) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", className);
        entry.put("config", config);
        return entry;
    }

    /**
     * {@code model.to_json()} in the Keras 2.3 dialect, plus a top-level {@code "module": "keras"}:
     * Keras 2 ignores it, and Keras 3's {@code model_from_json} needs it to find the Sequential
     * class (its layers without a module then go through Keras 3's legacy path, as in an .h5 file).
     */
    static String toJson(Sequential model) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("module", "keras");
        root.putAll(modelConfig(model));
        root.put("keras_version", KERAS_VERSION);
        root.put("backend", "tensorflow");
        return write(root);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the model config as JSON: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, @Nullable Object> parse(String json, String what) {
        try {
            Object v = MAPPER.readValue(json, Object.class);
            if (!(v instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return (Map<String, @Nullable Object>) v;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Builds a model from a parsed model config, in any supported dialect.
     *
     * @param root {@code {"class_name": "Sequential", "config": …}}
     * @param kerasVersion the writer's version when known from outside the config (an HDF5
     *     attribute), else null
     * @return the model, built when the config declares the input shape
     */
    @SuppressWarnings("unchecked")
    static Sequential fromConfig(Map<String, @Nullable Object> root, @Nullable String kerasVersion) {
        Object version = root.get("keras_version");
        String v = kerasVersion != null ? kerasVersion : version instanceof String s ? s : null;
        // The writer's version decides; without one, Keras 3's module-qualified objects give it away.
        boolean keras3 = v != null ? v.startsWith("3") : root.containsKey("module");
        Object normalized = normalize(root, keras3, "model");
        Map<String, @Nullable Object> model = (Map<String, @Nullable Object>) normalized;
        if (!"Sequential".equals(model.get("class_name"))) {
            throw new IllegalArgumentException("Only Sequential models can be loaded. Received: class_name="
                    + model.get("class_name"));
        }
        Object config = model.get("config");
        String name = "sequential_1";
        List<?> layers;
        if (config instanceof List<?> l) {
            layers = l;
        } else if (config instanceof Map<?, ?> m && m.get("layers") instanceof List<?> l) {
            layers = l;
            if (m.get("name") instanceof String s) {
                name = s;
            }
        } else {
            throw new IllegalArgumentException("Sequential config must be a list of layers or an object with "
                    + "\"layers\". Received: config=" + config);
        }
        List<Layer> built = new ArrayList<>();
        DataType dtype = null;
        long[] inputShape = null;
        Long batchSize = null;
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Map<?, ?> entry) || !(entry.get("class_name") instanceof String cls)
                    || !(entry.get("config") instanceof Map<?, ?> raw)) {
                throw new IllegalArgumentException("Layer #" + i + " of the Sequential config is not a "
                        + "{\"class_name\", \"config\"} object. Received: " + layers.get(i));
            }
            Map<String, @Nullable Object> cfgMap = (Map<String, @Nullable Object>) raw;
            String label = (cfgMap.get("name") instanceof String n ? n : "#" + i) + " (" + cls + ")";
            LayerConfig c = new LayerConfig(label, cfgMap);
            String shapeKey = c.has("batch_shape") ? "batch_shape" : "batch_input_shape";
            List<@Nullable Long> batchShape = shape(c, shapeKey);
            if (cls.equals("InputLayer")) {
                if (i != 0) {
                    throw c.error("class_name", "an InputLayer can only be the first layer");
                }
                c.string("name", null);
                c.raw("dtype");
                c.raw("input_shape");
                c.requireAllRead();
                if (batchShape == null) {
                    throw c.error(shapeKey, "an InputLayer needs a batch shape");
                }
                inputShape = perSample(c, shapeKey, batchShape, false);
                batchSize = batchShape.get(0);
                continue;
            }
            DataType layerType = floatType(c);
            if (dtype != null && layerType != dtype) {
                throw c.error("dtype", "all layers must share one float type; earlier layers are "
                        + Layer.floatxName(dtype));
            }
            dtype = layerType;
            Layer layer = LayerFactories.create(cls, c);
            if (batchShape != null && built.isEmpty() && inputShape == null) {
                long[] shape = perSample(c, shapeKey, batchShape, cls.equals("Embedding"));
                if (shape != null) {
                    layer.inputShape(shape);
                }
                if (batchShape.get(0) != null) {
                    layer.batchSize(batchShape.get(0));
                }
            }
            c.requireAllRead();
            built.add(layer);
        }
        Sequential.Builder b = Sequential.builder().name(name);
        if (dtype != null) {
            b.dtype(dtype);
        }
        Sequential seq = b.build();
        if (inputShape != null) {
            InputLayer input = new InputLayer(inputShape);
            if (batchSize != null) {
                input.batchSize(batchSize);
            }
            seq.add(input);
        }
        built.forEach(seq::add);
        return seq;
    }

    private static DataType floatType(LayerConfig c) {
        String t = c.string("dtype", "float32");
        return switch (t == null ? "float32" : t) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> throw c.error("dtype", "only float32 and float64 layers are supported");
        };
    }

    private static @Nullable List<@Nullable Long> shape(LayerConfig c, String key) {
        Object v = c.raw(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw c.error(key, "expected a list of dimensions");
        }
        List<@Nullable Long> out = new ArrayList<>();
        for (Object d : l) {
            if (d != null && !(d instanceof Number)) {
                throw c.error(key, "expected integer dimensions or null");
            }
            out.add(d == null ? null : ((Number) d).longValue());
        }
        return out;
    }

    /**
     * The per-sample part of a batch shape; null dimensions are only accepted where the layer
     * itself knows what to do without them (an Embedding's {@code input_length}).
     */
    private static long @Nullable [] perSample(LayerConfig c, String key, List<@Nullable Long> batchShape,
            boolean nullAllowed) {
        long[] out = new long[batchShape.size() - 1];
        for (int i = 1; i < batchShape.size(); i++) {
            Long d = batchShape.get(i);
            if (d == null) {
                if (nullAllowed) {
                    return null;
                }
                throw c.error(key, "variable dimensions (None) after the batch axis are not supported");
            }
            out[i - 1] = d;
        }
        return out;
    }

    /**
     * Rewrites the Keras 3 dialect into the Keras 2 one: drops {@code module}, {@code
     * registered_name}, {@code build_config}, {@code shared_object_id}; turns dtype policies into
     * their names.
     */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object value, boolean keras3, String path) {
        if (value instanceof Map<?, ?> m) {
            Map<String, @Nullable Object> in = (Map<String, @Nullable Object>) m;
            Object cls = in.get("class_name");
            if (("DTypePolicy".equals(cls) || "FloatDTypePolicy".equals(cls))
                    && in.get("config") instanceof Map<?, ?> pc) {
                return pc.get("name");
            }
            Map<String, @Nullable Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, @Nullable Object> e : in.entrySet()) {
                String k = e.getKey();
                if (k.equals("module") || k.equals("registered_name") || k.equals("build_config")
                        || k.equals("shared_object_id") || k.equals("compile_config")
                        || k.equals("build_input_shape")) {
                    continue;
                }
                Object v = e.getValue();
                if (keras3 && k.endsWith("activation") && "hard_sigmoid".equals(v)) {
                    throw new IllegalArgumentException("Layer config " + path + ", key \"" + k + "\": Keras 3 "
                            + "defines hard_sigmoid as clip(x/6 + 0.5, 0, 1), which is not supported "
                            + "(Keras 2's is 0.2x + 0.5). Received: " + k + "=hard_sigmoid");
                }
                out.put(k, v == null ? null : normalize(v, keras3, path + "." + k));
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<@Nullable Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                Object v = l.get(i);
                out.add(v == null ? null : normalize(v, keras3, path + "[" + i + "]"));
            }
            return out;
        }
        return value;
    }
}
