package io.kerflux.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the keras-js layer test vectors bundled under {@code src/test/resources/kerasjs/} (see its
 * README for the source, the licence and each case's layer config).
 */
public final class KerasJsVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasJsVectors() { }

    /**
     * One case: input, weights and the output Keras computed, each with a batch axis of 1 added.
     *
     * @param input the input {@code (1, shape…)}
     * @param weights the weights in Keras' {@code get_weights()} order (none for layers without weights)
     * @param expected the expected output {@code (1, shape…)}
     */
    public record Case(INDArray input, List<INDArray> weights, INDArray expected) { }

    /**
     * Loads one case.
     *
     * @param file the file name, e.g. "Conv2D.json"
     * @param name the case, e.g. "convolutional.Conv2D.0"
     * @return the case, in double precision
     */
    public static Case load(String file, String name) {
        try (InputStream in = KerasJsVectors.class.getResourceAsStream("/kerasjs/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test vector file kerasjs/" + file);
            }
            JsonNode node = JSON.readTree(in).get(name);
            if (node == null) {
                throw new IllegalArgumentException("No case " + name + " in kerasjs/" + file);
            }
            List<INDArray> weights = new ArrayList<>();
            JsonNode weightNodes = node.get("weights");
            if (weightNodes != null) {
                for (JsonNode w : weightNodes) {
                    weights.add(array(w, false));
                }
            }
            return new Case(array(node.get("input"), true), weights, array(node.get("expected"), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static INDArray array(JsonNode n, boolean addBatchAxis) {
        JsonNode data = n.get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).asDouble();
        }
        JsonNode shapeNode = n.get("shape");
        int offset = addBatchAxis ? 1 : 0;
        long[] shape = new long[shapeNode.size() + offset];
        if (addBatchAxis) {
            shape[0] = 1;
        }
        for (int i = 0; i < shapeNode.size(); i++) {
            shape[i + offset] = shapeNode.get(i).asLong();
        }
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }
}
