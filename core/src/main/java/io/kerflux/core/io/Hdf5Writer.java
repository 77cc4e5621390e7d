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
import io.kerflux.core.optimizers.BaseOptimizer;
import io.kerflux.core.optimizers.Nadam;
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

    private static void writeLayers(WritableGroup g, Sequential model) {
        g.putAttribute("keras_version", ModelJson.KERAS_VERSION);
        g.putAttribute("backend", "tensorflow");
        g.putAttribute("layer_names", model.layers().stream().map(Layer::name).toArray(String[]::new));
        for (Layer layer : model.layers()) {
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
     * Writes the Keras 3 weights file of a {@code .keras} archive: {@code layers/<key>/vars/<i>},
     * recurrent weights under {@code cell}, wrapper weights under their sub-layers.
     */
    static void saveKeras3Weights(Sequential model, Path path) {
        try (WritableHdfFile f = HdfFile.write(path)) {
            WritableGroup layers = f.putGroup("layers");
            Map<String, Integer> counters = new HashMap<>();
            for (Layer layer : model.layers()) {
                String prefix = layer.namePrefix();
                int k = counters.merge(prefix, 1, Integer::sum) - 1;
                WritableGroup g = layers.putGroup(k == 0 ? prefix : prefix + "_" + k);
                writeKeras3(g, layer, layer.weights());
            }
            // Keras 3 also writes an empty top-level "vars" group; jhdf 0.13 then writes a root group
            // it cannot read back, so it is left out (it holds nothing for a Sequential model).
            if (model.isCompiled() && model.optimizer() instanceof BaseOptimizer base && !(base instanceof Nadam)) {
                writeKeras3Optimizer(f.putGroup("optimizer").putGroup("vars"), model, base);
            }
        }
    }

    /**
     * Keras 3's optimizer variables: iterations, learning_rate, then each trainable variable's
     * slots in turn; this library keeps them slot by slot ({@code [iterations, m…, v…]}).
     */
    private static void writeKeras3Optimizer(WritableGroup vars, Sequential model, BaseOptimizer base) {
        List<INDArray> state = base.getWeights();
        int params = (int) model.layers().stream().mapToLong(l -> l.trainableWeights().size()).sum();
        vars.putDataset("0", new long[] {base.iterations()});
        // float64 keeps the configured rate exact; Keras casts it to its float32 variable on load
        vars.putDataset("1", new double[] {base.learningRate()});
        if (params == 0 || state.size() == 1) {
            return;
        }
        int slots = (state.size() - 1) / params;
        for (int p = 0; p < params; p++) {
            for (int s = 0; s < slots; s++) {
                vars.putDataset(Integer.toString(2 + p * slots + s), javaArray(state.get(1 + s * params + p), model.dtype()));
            }
        }
    }

    private static void writeKeras3(WritableGroup g, Layer layer, List<Weight> weights) {
        if (layer instanceof Bidirectional b) {
            int half = weights.size() / 2;
            g.putGroup("vars");
            writeKeras3(g.putGroup("forward_layer"), b.forwardLayer(), weights.subList(0, half));
            writeKeras3(g.putGroup("backward_layer"), b.backwardLayer(), weights.subList(half, weights.size()));
        } else if (layer instanceof TimeDistributed t) {
            g.putGroup("vars");
            writeKeras3(g.putGroup("layer"), t.layer(), weights);
        } else if (layer instanceof SimpleRNN || layer instanceof LSTM || layer instanceof GRU) {
            g.putGroup("vars");
            writeVars(g.putGroup("cell").putGroup("vars"), weights, layer.dtype());
        } else {
            writeVars(g.putGroup("vars"), weights, layer.dtype());
        }
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
