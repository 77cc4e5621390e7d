package io.kerflux.core.activations;

import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Resolves Keras activation identifiers.
 *
 * <p>Keras equivalent: {@code keras.activations.get}.
 */
public final class Activations {
    private static final Map<String, Activation> BUILT_IN = new TreeMap<>();

    static {
        register(new Simple("linear"));
        register(new Simple("relu"));
    }

    private Activations() { }

    private static void register(Activation a) {
        BUILT_IN.put(a.name(), a);
    }

    /**
     * The activation with a Keras name; null means "linear", as in Keras.
     *
     * @param name a Keras identifier ("relu", "softmax", …)
     * @return the activation
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Activation get(String name) {
        Activation a = BUILT_IN.get(name == null ? "linear" : name);
        if (a == null) {
            throw new IllegalArgumentException(
                    "Unknown activation function: " + name + ". Known activations: " + BUILT_IN.keySet());
        }
        return a;
    }

    private record Simple(String name) implements Activation {
        @Override
        public INDArray apply(INDArray x) {
            return name.equals("relu") ? Transforms.relu(x, true) : x.dup();
        }

        @Override
        public INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
            if (name.equals("linear")) {
                return gradOutput.dup();
            }
            return gradOutput.mul(x.gt(0).castTo(x.dataType()));
        }
    }
}
