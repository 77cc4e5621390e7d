package io.kerflux.core.io;

import io.kerflux.core.models.Sequential;
import java.util.Objects;

/**
 * Saving and loading whole models: Keras JSON configs, Keras 2 HDF5 files and Keras 3 archives.
 *
 * <p>Keras equivalent: {@code keras.models.model_from_json}, {@code keras.models.load_model} and
 * {@code model.save}.
 */
public final class Models {
    private Models() { }

    /**
     * Creates an unweighted model from its JSON config ({@code keras.models.model_from_json}).
     *
     * <p>Reads the Keras 2.0/2.1 dialect (the Sequential config is a bare layer list), the Keras
     * 2.2+ dialect ({@code {"name", "layers"}}) and the Keras 3 dialect ({@code module}/{@code
     * registered_name} wrappers, a leading InputLayer with {@code batch_shape}, dtype policies as
     * objects). The weights are freshly initialized, as in Keras.
     *
     * @param json the output of {@code model.to_json()}
     * @return the model, built when the config declares its input shape
     * @throws IllegalArgumentException for invalid JSON, a model other than Sequential, an unknown
     *     layer class or an unsupported key or value (the message names the layer and the key)
     */
    public static Sequential modelFromJson(String json) {
        Objects.requireNonNull(json, "json");
        return ModelJson.fromConfig(ModelJson.parse(json, "The model JSON"), null);
    }

    /**
     * The model's config as Keras JSON ({@code model.to_json()}): {@code {"class_name":
     * "Sequential", "config": {"name", "layers"}, "keras_version": "2.3.1", "backend":
     * "tensorflow"}}.
     *
     * @param model the model
     * @return the JSON text
     */
    public static String toJson(Sequential model) {
        Objects.requireNonNull(model, "model");
        return ModelJson.toJson(model);
    }
}
