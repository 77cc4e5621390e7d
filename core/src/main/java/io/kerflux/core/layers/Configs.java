package io.kerflux.core.layers;

import java.util.LinkedHashMap;
import java.util.Map;

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
}
