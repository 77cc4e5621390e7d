package io.kerflux.core.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads Keras HDF5 content: string attributes, weight datasets, and the Keras 2 weights layout
 * ({@code layer_names} / {@code weight_names}, Keras' {@code load_weights_from_hdf5_group}).
 */
final class Hdf5Reader {
    private final String file;
    private final Group root;

    /**
     * @param file the file name, for messages
     * @param root the file's root group
     */
    Hdf5Reader(String file, Group root) {
        this.file = file;
        this.root = root;
    }

    IllegalArgumentException error(String part, String reason) {
        return new IllegalArgumentException(where(part) + ": " + reason);
    }

    /** The file and a part of it, for messages: {@code model.h5: optimizer_weights}. */
    String where(String part) {
        return file + ": " + part;
    }

    /** A string attribute (variable- or fixed-length), or null when absent. */
    @Nullable String stringAttribute(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof String s) {
            return trimNulls(s);
        }
        if (v instanceof String[] arr && arr.length == 1) {
            return trimNulls(arr[0]);
        }
        throw error(path(node, name), "expected a string attribute, found " + a.getJavaType().getSimpleName());
    }

    /** A string-array attribute such as {@code layer_names}; an empty attribute gives an empty list. */
    List<String> stringsAttribute(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            throw error(path(node, name), "the attribute is missing");
        }
        if (a.isEmpty()) {
            return List.of();
        }
        Object v = a.getData();
        List<String> out = new ArrayList<>();
        if (v instanceof String[] arr) {
            for (String s : arr) {
                out.add(trimNulls(s));
            }
        } else if (v instanceof String s) {
            out.add(trimNulls(s));
        } else {
            throw error(path(node, name), "expected an array of strings, found " + a.getJavaType().getSimpleName());
        }
        return out;
    }

    /** Fixed-length HDF5 strings are NULL-padded to the longest entry. */
    private static String trimNulls(String s) {
        int end = s.indexOf('\0');
        return end < 0 ? s : s.substring(0, end);
    }

    private static String path(Node node, String attribute) {
        String p = node.getPath();
        return (p.isEmpty() || p.equals("/") ? "" : p.replaceFirst("^/", "") + "/") + "@" + attribute;
    }

    Group group(String path) {
        Node n = path.isEmpty() ? root : child(root, path);
        if (!(n instanceof Group g)) {
            throw error(path, "expected a group");
        }
        return g;
    }

    boolean has(Group g, String path) {
        try {
            return g.getByPath(path) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Node child(Group g, String path) {
        try {
            Node n = g.getByPath(path);
            if (n == null) {
                throw error(join(g, path), "not found");
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw error(join(g, path), "not found (" + e.getMessage() + ")");
        }
    }

    private static String join(Group g, String path) {
        String p = g.getPath().replaceFirst("^/", "");
        return p.isEmpty() ? path : p.endsWith("/") ? p + path : p + "/" + path;
    }

    /** A float dataset as an array of the model's type. */
    INDArray array(Group g, String path, DataType dtype) {
        Node n = child(g, path);
        String part = join(g, path);
        if (!(n instanceof Dataset d)) {
            throw error(part, "expected a dataset");
        }
        long[] shape = d.getDimensionsAsLong();
        Object flat;
        try {
            flat = d.getDataFlat();
        } catch (RuntimeException e) {
            throw error(part, "cannot read the data (truncated file?): " + e.getMessage());
        }
        INDArray a;
        if (flat instanceof float[] f) {
            a = Nd4j.create(f, shape, 'c');
        } else if (flat instanceof double[] x) {
            a = Nd4j.create(x, shape, 'c');
        } else if (d.isScalar() && flat instanceof Float f) {
            a = Nd4j.scalar(f);
        } else if (d.isScalar() && flat instanceof Double x) {
            a = Nd4j.scalar(x);
        } else {
            throw error(part, "unsupported dtype " + d.getJavaType().getSimpleName() + "; weights must be float32 or float64");
        }
        return a.castTo(dtype);
    }

    /**
     * A numeric scalar dataset of any type (an optimizer's {@code iterations} is int64).
     *
     * @param g the group
     * @param path the dataset's path in the group
     * @return the value
     */
    double scalar(Group g, String path) {
        Node n = child(g, path);
        if (!(n instanceof Dataset d) || d.getSize() != 1) {
            throw error(join(g, path), "expected a scalar dataset");
        }
        Object flat = d.getDataFlat();
        if (flat instanceof Number x) {
            return x.doubleValue();
        }
        if (flat.getClass().isArray() && java.lang.reflect.Array.get(flat, 0) instanceof Number x) {
            return x.doubleValue();
        }
        throw error(join(g, path), "expected a number, found " + d.getJavaType().getSimpleName());
    }

    /**
     * An optimizer variable: a scalar of any numeric type (Keras' int64 {@code iteration}) as a
     * float64 scalar, any other dataset as {@link #array}.
     *
     * @param g the group
     * @param path the dataset's path in the group
     * @param dtype the float type of non-scalar arrays
     * @return the value
     */
    INDArray variable(Group g, String path, DataType dtype) {
        if (child(g, path) instanceof Dataset d && d.isScalar()) {
            return Nd4j.scalar(scalar(g, path));
        }
        return array(g, path, dtype);
    }

    /**
     * Reads the weights of every layer that has weights from a Keras 2 weights group (also the
     * Keras 3 legacy {@code .h5}), matched in order as Keras' {@code load_weights} does.
     *
     * @param groupPath "model_weights" for a full-model file, "" for a save_weights file
     * @param model the model whose layers receive the weights
     * @return one list of arrays per layer of the model (empty for layers without weights)
     */
    List<List<INDArray>> keras2Weights(String groupPath, Sequential model) {
        Group g = group(groupPath);
        List<String> layerNames = stringsAttribute(g, "layer_names");
        List<String> withWeights = new ArrayList<>();
        List<List<String>> weightNames = new ArrayList<>();
        for (String layerName : layerNames) {
            Node n = child(g, layerName);
            // As in Keras' load_attributes_from_hdf5_group, a missing attribute means no weights.
            List<String> names = n.getAttribute("weight_names") == null ? List.of() : stringsAttribute(n, "weight_names");
            if (!names.isEmpty()) {
                withWeights.add(layerName);
                weightNames.add(names);
            }
        }
        List<Layer> targets = model.layers().stream().filter(l -> !l.weights().isEmpty()).toList();
        if (targets.size() != withWeights.size()) {
            throw error(groupPath.isEmpty() ? "@layer_names" : groupPath + "/@layer_names", "the file holds weights for "
                    + withWeights.size() + " layers " + withWeights + " but the model has " + targets.size()
                    + " layers with weights");
        }
        List<List<INDArray>> out = new ArrayList<>();
        int next = 0;
        for (Layer layer : model.layers()) {
            if (layer.weights().isEmpty()) {
                out.add(List.of());
                continue;
            }
            Group lg = (Group) child(g, withWeights.get(next));
            List<String> names = weightNames.get(next);
            next++;
            List<INDArray> arrays = new ArrayList<>();
            for (String name : names) {
                arrays.add(array(lg, name, model.dtype()));
            }
            out.add(checked(layer, arrays, join(lg, names.isEmpty() ? "" : names.get(0))));
        }
        return out;
    }

    /** Checks that a layer can take the arrays, before anything is assigned. */
    List<INDArray> checked(Layer layer, List<INDArray> arrays, String part) {
        if (arrays.size() != layer.weights().size()) {
            throw error(part, "layer " + layer.name() + " expects " + layer.weights().size() + " weights but the file has "
                    + arrays.size());
        }
        for (int i = 0; i < arrays.size(); i++) {
            long[] expected = layer.weights().get(i).shape();
            if (!Arrays.equals(expected, arrays.get(i).shape())) {
                throw error(part, "layer " + layer.name() + " weight " + layer.weights().get(i).name() + " has shape "
                        + Arrays.toString(expected) + " but the file holds " + Arrays.toString(arrays.get(i).shape()));
            }
        }
        return arrays;
    }

    /** Opens an HDF5 file, turning jhdf's failure on a foreign or truncated file into a clear message. */
    static HdfFile open(java.nio.file.Path path) {
        try {
            return new HdfFile(path);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + ": not a readable HDF5 file (foreign or truncated): "
                    + e.getMessage(), e);
        }
    }

    static HdfFile open(byte[] bytes, String name) {
        try {
            return HdfFile.fromBytes(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": not a readable HDF5 file (foreign or truncated): "
                    + e.getMessage(), e);
        }
    }
}
