package io.kerflux.core.io;

import io.kerflux.core.layers.Bidirectional;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.layers.TimeDistributed;
import io.kerflux.core.models.Sequential;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code config.json} and {@code metadata.json} of a Keras 3 {@code .keras} archive, as Keras
 * 3.15's {@code saving_lib} writes them: module-qualified objects, dtype policies, a leading
 * InputLayer, {@code build_config} and {@code compile_config}. The layers' own configs (Keras 2.3
 * keys) are translated to the keys Keras 3 reads and writes.
 */
final class Keras3Config {
    /** The Keras release whose {@code .keras} layout this class follows. */
    static final String KERAS_VERSION = "3.15.1";

    /** Layers whose Keras 3 class records the shape it was built with ({@code build_config}). */
    private static final Set<String> BUILT_WITH_SHAPE = Set.of("Dense", "Flatten", "Conv1D", "Conv2D",
            "SeparableConv2D", "ZeroPadding1D", "ZeroPadding2D", "Cropping1D", "Cropping2D", "UpSampling1D",
            "UpSampling2D", "BatchNormalization", "Embedding", "SimpleRNN", "LSTM", "GRU", "Bidirectional",
            "TimeDistributed");

    /** Initializers whose Keras 3 config adds {@code input_axes} and {@code output_axes}. */
    private static final Set<String> VARIANCE_SCALING = Set.of("VarianceScaling", "GlorotUniform", "GlorotNormal",
            "HeUniform", "HeNormal", "LecunUniform", "LecunNormal");

    private Keras3Config() { }

    /** {@code {"keras_version", "date_saved"}}, the date in Keras' {@code %Y-%m-%d@%H:%M:%S} form. */
    static Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keras_version", KERAS_VERSION);
        m.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
        return m;
    }

    /**
     * The whole {@code config.json} of a built model.
     *
     * @param model the model
     * @return the config as ordered maps and lists
     * @throws IllegalArgumentException if a layer or the optimizer cannot be written in Keras 3 terms
     */
    static Map<String, Object> of(Sequential model) {
        List<@Nullable Object> batchShape = new ArrayList<>();
        batchShape.add(model.fixedBatchSize().isPresent() ? model.fixedBatchSize().getAsLong() : null);
        for (long d : model.inputShape()) {
            batchShape.add(d);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("batch_shape", batchShape);
        input.put("dtype", Layer.floatxName(model.dtype()));
        input.put("sparse", false);
        input.put("ragged", false);
        input.put("name", "input_layer");
        input.put("optional", false);
        List<Object> layers = new ArrayList<>();
        layers.add(wrap("keras.layers", "InputLayer", input));
        for (Layer layer : model.layers()) {
            layers.add(layer(layer, layer.builtInputShape()));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("trainable", true);
        // Keras' Sequential.from_config takes no dtype, so the model itself always has the default
        // policy; the float type lives in the layers' and the InputLayer's dtype.
        config.put("dtype", dtypePolicy("float32"));
        config.put("layers", layers);
        config.put("build_input_shape", batchShape);
        Map<String, Object> root = wrap("keras", "Sequential", config);
        root.put("build_config", Map.of("input_shape", batchShape));
        root.put("compile_config", model.isCompiled() ? compileConfig(model) : Map.of());
        return root;
    }

    private static Map<String, Object> compileConfig(Sequential model) {
        Map<String, Object> training = TrainingConfigs.of(model);
        List<?> metrics = (List<?>) training.get("metrics");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer", Keras3Optimizers.config(model.optimizer()));
        c.put("loss", training.get("loss"));
        c.put("loss_weights", null);
        c.put("metrics", metrics.isEmpty() ? null : metrics);
        c.put("weighted_metrics", null);
        c.put("run_eagerly", false);
        c.put("steps_per_execution", 1);
        c.put("jit_compile", false);
        return c;
    }

    /**
     * One layer entry: {@code {"module", "class_name", "config", "registered_name"}} plus {@code
     * build_config} where Keras 3 writes one.
     *
     * @param layer the layer
     * @param inputShape its per-sample input shape
     */
    private static Map<String, Object> layer(Layer layer, long[] inputShape) {
        String cls = layer.className();
        Map<String, Object> c = layerConfig(layer, cls, inputShape);
        Map<String, Object> entry = wrap("keras.layers", cls, c);
        if (BUILT_WITH_SHAPE.contains(cls)) {
            List<@Nullable Object> shape = new ArrayList<>();
            shape.add(null);
            for (long d : inputShape) {
                shape.add(d);
            }
            entry.put("build_config", Map.of("input_shape", shape));
        }
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layerConfig(Layer layer, String cls, long[] inputShape) {
        Map<String, Object> keras2 = layer.getConfig();
        Map<String, Object> c = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : keras2.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (k.endsWith("activation") && "hard_sigmoid".equals(v)) {
                throw new IllegalArgumentException("Layer " + layer.name() + ", key \"" + k + "\": Keras 3 redefined "
                        + "hard_sigmoid, so a .keras file would change the model; save it as .h5. Received: " + k
                        + "=hard_sigmoid");
            }
            switch (k) {
                // The input shape lives in the InputLayer; Keras 3 dropped these keys.
                case "batch_input_shape", "input_length", "implementation" -> { }
                case "dtype" -> c.put(k, dtypePolicy((String) v));
                case "alpha" -> c.put(cls.equals("LeakyReLU") ? "negative_slope" : k, v);
                // Keras 3's Dense and BatchNormalization do not write an unset activity regularizer.
                case "activity_regularizer" -> {
                    if (v != null || !(cls.equals("Dense"))) {
                        c.put(k, object(k, v));
                    }
                }
                case "layer" -> c.put(k, layer(wrapped(layer), wrappedInputShape(layer, inputShape)));
                default -> c.put(k, v instanceof Map<?, ?> ? object(k, v) : v);
            }
        }
        addKeras3Keys(cls, c);
        if (layer instanceof Bidirectional b) {
            Map<String, Object> forward = (Map<String, Object>) c.remove("layer");
            Object mergeMode = c.remove("merge_mode");
            ((Map<String, Object>) forward.get("config")).put("name", directionName(b, "forward_"));
            Map<String, Object> backward = layer(b.backwardLayer(), inputShape);
            ((Map<String, Object>) backward.get("config")).put("name", directionName(b, "backward_"));
            c.put("merge_mode", mergeMode);
            c.put("layer", forward);
            c.put("backward_layer", backward);
        }
        return c;
    }

    /**
     * Keras' name for a Bidirectional's half: the prefix and the wrapped layer's name without a
     * leading {@code forward_} (a wrapped layer read from a Keras 3 file is the forward copy).
     */
    static String directionName(Bidirectional b, String prefix) {
        String wrapped = b.forwardLayer().name().substring("forward_".length());
        return prefix + (wrapped.startsWith("forward_") ? wrapped.substring("forward_".length()) : wrapped);
    }

    private static Layer wrapped(Layer layer) {
        if (layer instanceof Bidirectional b) {
            return b.forwardLayer();
        }
        return ((TimeDistributed) layer).layer();
    }

    /** TimeDistributed's layer sees one timestep; Bidirectional's sees the whole sequence. */
    private static long[] wrappedInputShape(Layer layer, long[] inputShape) {
        if (layer instanceof TimeDistributed) {
            long[] step = new long[inputShape.length - 1];
            System.arraycopy(inputShape, 1, step, 0, step.length);
            return step;
        }
        return inputShape;
    }

    /** The keys Keras 3 added to a class, with the values that mean what this library does. */
    private static void addKeras3Keys(String cls, Map<String, Object> c) {
        switch (cls) {
            case "Dense", "Embedding" -> c.put("quantization_config", null);
            case "Conv1D", "Conv2D" -> c.put("groups", 1);
            case "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D" ->
                    c.put("keepdims", false);
            case "ZeroPadding1D" -> c.put("data_format", "channels_last");
            case "BatchNormalization" -> {
                c.put("synchronized", false);
                c.put("renorm", false);
                c.put("renorm_clipping", null);
                c.put("renorm_momentum", 0.99);
            }
            case "SimpleRNN" -> c.put("zero_output_for_mask", false);
            case "LSTM", "GRU" -> {
                c.put("zero_output_for_mask", false);
                c.put("seed", null);
            }
            default -> { }
        }
    }

    /** A nested initializer, regularizer or constraint, module-qualified; null stays null. */
    @SuppressWarnings("unchecked")
    private static @Nullable Object object(String key, @Nullable Object v) {
        if (!(v instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls)) {
            return v;
        }
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) m.get("config"));
        if (VARIANCE_SCALING.contains(cls)) {
            config.put("input_axes", null);
            config.put("output_axes", null);
        }
        return wrap(module(key), cls, config);
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
        throw new IllegalStateException("No Keras module for config key " + key);
    }

    /** Keras 3's dtype policy object for a float type name. */
    static Map<String, Object> dtypePolicy(String name) {
        return wrap("keras", "DTypePolicy", Map.of("name", name));
    }

    static Map<String, Object> wrap(String module, String className, Map<String, ?> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", className);
        m.put("config", config);
        m.put("registered_name", null);
        return m;
    }
}
