package io.kerflux.core.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.kerflux.core.layers.Bidirectional;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.layers.SimpleRNN;
import io.kerflux.core.layers.GRU;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.layers.TimeDistributed;
import io.kerflux.core.layers.Weight;
import io.kerflux.core.models.Sequential;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes Keras HDF5 content: the Keras 2 {@code model.save} / {@code save_weights} layout and the Keras 3 weights layout. */
final class Hdf5Writer {
    private Hdf5Writer() { }

    /**
     * Writes a Keras 2.3 full-model file: root attributes, {@code model_weights} and, for a
     * compiled model, {@code training_config} and {@code optimizer_weights}.
     */
    static void saveKeras2(Sequential model, Path path) {
        try (WritableHdfFile f = HdfFile.write(path)) {
            f.putAttribute("keras_version", ModelJson.KERAS_VERSION);
            f.putAttribute("backend", "tensorflow");
            f.putAttribute("model_config", ModelJson.write(ModelJson.modelConfig(model)));
            if (model.isCompiled()) {
                f.putAttribute("training_config", ModelJson.write(TrainingConfigs.of(model)));
            }
            writeLayers(f.putGroup("model_weights"), model);
            if (model.isCompiled()) {
                List<INDArray> state = model.optimizer().getWeights();
                WritableGroup g = f.putGroup("optimizer_weights");
                String prefix = "training/" + model.optimizer().className() + "/";
                String[] names = new String[state.size()];
                for (int i = 0; i < names.length; i++) {
                    names[i] = prefix + (i == 0 ? "iterations:0" : "Variable_" + i + ":0");
                }
                g.putAttribute("weight_names", names);
                WritableGroup training = g.putGroup("training").putGroup(model.optimizer().className());
                for (int i = 0; i < names.length; i++) {
                    String leaf = names[i].substring(prefix.length());
                    training.putDataset(leaf, javaArray(state.get(i), DataType.FLOAT));
                }
            }
        }
    }

    /** Writes a Keras 2.3 {@code save_weights} file: the layer groups at the root. */
    static void saveKeras2Weights(Sequential model, Path path) {
        try (WritableHdfFile f = HdfFile.write(path)) {
            writeLayers(f, model);
        }
    }

    /**
     * The layer groups with {@code layer_names} and {@code weight_names}. Layers without weights are
     * left out when any layer has weights: Keras matches only the layers with weights, in order,
     * and an HDF5 group without any dataset below it can be corrupted by jhdf 0.13, which writes its
     * version string at the end of the last dataset written rather than at the end of the file.
     */
    private static void writeLayers(WritableGroup g, Sequential model) {
        g.putAttribute("keras_version", ModelJson.KERAS_VERSION);
        g.putAttribute("backend", "tensorflow");
        List<Layer> layers = model.layers().stream().anyMatch(l -> !l.weights().isEmpty())
                ? model.layers().stream().filter(l -> !l.weights().isEmpty()).toList() : model.layers();
        g.putAttribute("layer_names", layers.stream().map(Layer::name).toArray(String[]::new));
        for (Layer layer : layers) {
            WritableGroup lg = g.putGroup(layer.name());
            List<Weight> weights = layer.weights();
            String[] names = new String[weights.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = weightPath(layer, i) + ":0";
            }
            // jhdf cannot write an empty string array; Keras reads a missing weight_names as [] too.
            if (names.length > 0) {
                lg.putAttribute("weight_names", names);
            }
            for (int i = 0; i < names.length; i++) {
                WritableGroup parent = lg;
                String[] parts = names[i].split("/");
                for (int p = 0; p < parts.length - 1; p++) {
                    parent = child(parent, parts[p]);
                }
                parent.putDataset(parts[parts.length - 1], javaArray(weights.get(i).value(), layer.dtype()));
            }
        }
    }

    /** Keras 2 weight names: {@code dense_1/kernel}; a Bidirectional's halves are {@code forward_<inner>/…}. */
    private static String weightPath(Layer layer, int i) {
        List<Weight> weights = layer.weights();
        if (layer instanceof Bidirectional b) {
            int half = weights.size() / 2;
            String direction = i < half ? "forward_" : "backward_";
            return layer.name() + "/" + direction + b.forwardLayer().name() + "/" + weights.get(i).name();
        }
        return layer.name() + "/" + weights.get(i).name();
    }

    private static WritableGroup child(WritableGroup parent, String name) {
        return parent.getChild(name) instanceof WritableGroup existing ? existing : parent.putGroup(name);
    }

    /**
     * Writes a Keras 3 weights file ({@code model.weights.h5} of a {@code .keras} archive, or a
     * {@code .weights.h5} file): {@code layers/<key>/vars/<i>}, recurrent weights under {@code
     * cell}, wrapper weights under their sub-layers, every {@code vars} group named after its
     * layer, then {@code optimizer/vars} for a compiled model.
     *
     * <p>Keras also writes empty {@code vars} groups for objects without variables (a Dropout, an
     * RNN layer around its cell, the model itself); its loader reads a missing group as an empty
     * one, and they are left out here because jhdf 0.13 writes its version string at the end of
     * the last dataset written, over whatever object follows it, which can only be such a group.
     */
    static void saveKeras3Weights(Sequential model, Path path) {
        try (WritableHdfFile f = HdfFile.write(path)) {
            WritableGroup layers = f.putGroup("layers");
            Map<String, Integer> counters = new HashMap<>();
            for (Layer layer : model.layers()) {
                String prefix = layer.namePrefix();
                int k = counters.merge(prefix, 1, Integer::sum) - 1;
                if (!layer.weights().isEmpty()) {
                    writeKeras3(layers.putGroup(k == 0 ? prefix : prefix + "_" + k), layer, layer.name(), layer.weights());
                }
            }
            if (model.isCompiled()) {
                WritableGroup vars = f.putGroup("optimizer").putGroup("vars");
                vars.putAttribute("name", (String) castMap(Keras3Optimizers.config(model.optimizer()).get("config"))
                        .get("name"));
                List<Object> values = Keras3Optimizers.variables(model);
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    // iteration is an int64 scalar and the learning rate a float32 one, as Keras keeps them
                    vars.putDataset(Integer.toString(i), v instanceof INDArray a ? javaArray(a, model.dtype()) : v);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static void writeKeras3(WritableGroup g, Layer layer, String name, List<Weight> weights) {
        if (layer instanceof Bidirectional b) {
            int half = weights.size() / 2;
            writeKeras3(g.putGroup("forward_layer"), b.forwardLayer(), Keras3Config.directionName(b, "forward_"),
                    weights.subList(0, half));
            writeKeras3(g.putGroup("backward_layer"), b.backwardLayer(), Keras3Config.directionName(b, "backward_"),
                    weights.subList(half, weights.size()));
        } else if (layer instanceof TimeDistributed t) {
            writeKeras3(g.putGroup("layer"), t.layer(), t.layer().name(), weights);
        } else if (layer instanceof SimpleRNN || layer instanceof LSTM || layer instanceof GRU) {
            writeVars(named(g.putGroup("cell"), layer.namePrefix() + "_cell"), weights, layer.dtype());
        } else {
            writeVars(named(g, name), weights, layer.dtype());
        }
    }

    /** The {@code vars} group of a Keras 3 saveable, carrying its name as Keras writes it. */
    private static WritableGroup named(WritableGroup parent, String name) {
        WritableGroup vars = parent.putGroup("vars");
        vars.putAttribute("name", name);
        return vars;
    }

    private static void writeVars(WritableGroup vars, List<Weight> weights, DataType dtype) {
        for (int i = 0; i < weights.size(); i++) {
            vars.putDataset(Integer.toString(i), javaArray(weights.get(i).value(), dtype));
        }
    }

    /** A C-order Java array ({@code float[][]…} or {@code double[][]…}) of an INDArray, as jhdf writes it. */
    static Object javaArray(INDArray a, DataType dtype) {
        boolean dbl = dtype == DataType.DOUBLE;
        long[] shape = a.shape();
        if (shape.length == 0) {
            return dbl ? new double[] {a.getDouble(0)} : new float[] {a.getFloat(0)};
        }
        Object flat = dbl ? a.dup('c').data().asDouble() : a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return reshape(flat, shape, 0, new int[] {0}, dbl);
    }

    private static Object reshape(Object flat, long[] shape, int axis, int[] cursor, boolean dbl) {
        int n = (int) shape[axis];
        if (axis == shape.length - 1) {
            Object row = Array.newInstance(dbl ? double.class : float.class, n);
            System.arraycopy(flat, cursor[0], row, 0, n);
            cursor[0] += n;
            return row;
        }
        Object sample = reshape(flat, shape, axis + 1, cursor, dbl);
        Object out = Array.newInstance(sample.getClass(), n);
        Array.set(out, 0, sample);
        for (int i = 1; i < n; i++) {
            Array.set(out, i, reshape(flat, shape, axis + 1, cursor, dbl));
        }
        return out;
    }
}
