package io.kerflux.core.layers;

import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.regularizers.Regularizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Helpers for Keras config objects. */
final class Configs {
    private Configs() { }

    /**
     * A Keras serialized object: {@code {"class_name": …, "config": {…}}}.
     *
     * @param className the Keras class name
     * @param config its config
     * @return the object as an ordered map
     */
    static Map<String, Object> object(String className, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", className);
        m.put("config", config);
        return m;
    }

    /**
     * Keras' {@code initializers.serialize}.
     *
     * @param initializer the initializer
     * @return {@code {"class_name", "config"}}
     */
    static Map<String, Object> serialize(Initializer initializer) {
        return object(initializer.className(), initializer.getConfig());
    }

    /**
     * Keras' {@code regularizers.serialize}.
     *
     * @param regularizer the regularizer, or null
     * @return {@code {"class_name", "config"}}, or null
     */
    static @Nullable Map<String, Object> serialize(@Nullable Regularizer regularizer) {
        return regularizer == null ? null : object(regularizer.className(), regularizer.getConfig());
    }

    /**
     * Keras' {@code constraints.serialize}.
     *
     * @param constraint the constraint, or null
     * @return {@code {"class_name", "config"}}, or null
     */
    static @Nullable Map<String, Object> serialize(@Nullable Constraint constraint) {
        return constraint == null ? null : object(constraint.className(), constraint.getConfig());
    }
}
