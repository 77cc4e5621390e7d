package io.kerflux.core.io;

import io.kerflux.core.models.Sequential;
import java.io.IOException;
import java.nio.file.Path;
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
     * Loads a saved model ({@code keras.models.load_model}): a Keras 2 full-model HDF5 file
     * ({@code model.save("x.h5")}, also Keras 3's legacy {@code .h5}) or a Keras 3 {@code .keras}
     * archive. A model saved compiled comes back compiled with the same optimizer settings, loss and
     * metrics. The whole model is built and every weight read and checked before any is assigned.
     *
     * @param path the file
     * @return the model with its weights
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException for a truncated, foreign or unsupported file; the message
     *     names the file, the part (e.g. {@code model_weights/dense_1/dense_1/kernel:0}) and the
     *     reason
     */
    public static Sequential loadModel(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return ModelLoader.loadModel(path);
    }

    /**
     * Loads weights into a built model ({@code model.load_weights(filepath)}), from a Keras 2
     * {@code save_weights} or full-model HDF5 file, or a Keras 3 {@code .keras} archive or {@code
     * .weights.h5} file. Layers with weights are matched in order, as in Keras.
     *
     * @param model the model
     * @param path the file
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file does not fit the model or is unreadable; nothing
     *     is assigned then
     */
    public static void loadWeights(Sequential model, Path path) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        if (!model.isBuilt()) {
            throw new IllegalStateException("Unable to load weights into a model that has not been built. "
                    + "Build it first (give the first layer an input shape or call build()).");
        }
        ModelLoader.loadWeights(model, path);
    }

    /**
     * Saves the whole model ({@code model.save(filepath)}).
     *
     * <p>A name ending in {@code .keras} gives Keras 3.15's archive, which Keras 3's {@code
     * keras.saving.load_model} reads back with the same predictions, compile config and optimizer
     * state: {@code metadata.json}, {@code config.json} (module-qualified objects, dtype policies, a
     * leading InputLayer, {@code build_config}, {@code compile_config}) and {@code model.weights.h5}
     * ({@code layers/<key>/vars/<i>}, {@code optimizer/vars} in Keras 3's variable order). Keras 2.3
     * settings with an exact Keras 3 equivalent are translated ({@code decay} becomes an {@code
     * InverseTimeDecay} schedule, {@code clipnorm} becomes {@code global_clipnorm}); those without
     * one are refused. Empty {@code vars} groups, which Keras reads as empty when missing, are left
     * out.
     *
     * <p>Any other name gives Keras 2's HDF5 layout (root attributes {@code keras_version}, {@code
     * backend}, {@code model_config}, {@code training_config}; groups {@code model_weights} and
     * {@code optimizer_weights}), with the model config laid out as tf.keras 2 writes a Sequential
     * model (an InputLayer first) so that Keras 3's legacy loader reads it too; only the layers with
     * weights get a group, which is how Keras matches them anyway.
     *
     * @param model a built model
     * @param path the file, overwritten if present
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the model is not built
     * @throws IllegalArgumentException if a {@code .keras} file cannot represent the model (Keras
     *     2's hard_sigmoid, a Nadam with {@code schedule_decay} other than 1)
     */
    public static void save(Sequential model, Path path) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        ModelSaver.save(model, path);
    }

    /**
     * Saves only the weights ({@code model.save_weights(filepath)}): for a name ending in {@code
     * .weights.h5}, Keras 3's layout (the {@code model.weights.h5} of a {@code .keras} archive, with
     * the optimizer state of a compiled model, as Keras 3 writes it); for any other name, Keras 2.3's
     * ({@code layer_names} at the root and one group per layer with weights, with {@code
     * weight_names}).
     *
     * @param model a built model
     * @param path the file, overwritten if present
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the model is not built
     */
    public static void saveWeights(Sequential model, Path path) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        ModelSaver.saveWeights(model, path);
    }

    /**
     * The model's config as Keras JSON ({@code model.to_json()}): {@code {"module": "keras",
     * "class_name": "Sequential", "config": {"name", "layers"}, "keras_version": "2.3.1", "backend":
     * "tensorflow"}} with Keras 2 layer configs and a leading InputLayer. Keras 2 ignores {@code
     * module}; Keras 3's {@code model_from_json} needs it to read the file.
     *
     * @param model the model
     * @return the JSON text
     */
    public static String toJson(Sequential model) {
        Objects.requireNonNull(model, "model");
        return ModelJson.toJson(model);
    }
}
