package io.kerflux.core.models;

import io.kerflux.core.layers.Layer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The random generators of a model at one moment: the model's own (the initial weights of layers
 * built later, the shuffling seeds of later runs) and each layer's mask generator (dropout). A
 * restored model draws what the original would have drawn next; a {@code BackupAndRestore}
 * checkpoint stores it (Kerflux addition: Keras keeps the equivalent in its seed generators).
 *
 * @param model the model generator, as the Base64 of {@link Random}'s serial form
 * @param layers each layer's {@link Layer#randomState()}, by layer name, in the model's order
 */
public record RandomState(String model, Map<String, long[]> layers) {

    /** Copies the map, keeping its order. */
    public RandomState {
        Objects.requireNonNull(model, "model");
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    static RandomState capture(Random generator, List<Layer> modelLayers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(generator);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise the model's random generator", e);
        }
        Map<String, long[]> states = new LinkedHashMap<>();
        for (Layer l : modelLayers) {
            states.put(l.name(), l.randomState());
        }
        return new RandomState(Base64.getEncoder().encodeToString(bytes.toByteArray()), states);
    }

    /**
     * @return the model generator this state holds
     * @throws IllegalArgumentException if {@link #model()} is not a serialised {@link Random}
     */
    Random generator() {
        Object o;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(model)))) {
            // A checkpoint is data from disk: deserialise nothing but the generator itself.
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.util.Random;!*"));
            o = in.readObject();
        } catch (IOException | ClassNotFoundException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The model's random state must be a serialised java.util.Random: "
                    + e, e);
        }
        if (o instanceof Random r && o.getClass() == Random.class) {
            return r;
        }
        throw new IllegalArgumentException("The model's random state must be a serialised java.util.Random. "
                + "Received: " + (o == null ? "null" : o.getClass().getName()));
    }
}
