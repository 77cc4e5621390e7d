package io.kerflux.core.io;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to one layer's Keras config, remembering which keys were read so that keys nobody
 * understands are reported instead of silently dropped.
 */
final class LayerConfig {
    /**
     * Keys that Keras 3 (or later Keras 2 releases) write with a value that changes nothing here;
     * each maps to the values that are harmless.
     */
    private static final Map<String, Set<Object>> HARMLESS = Map.ofEntries(
            Map.entry("quantization_config", nullOnly()),
            Map.entry("lora_rank", nullOnly()),
            Map.entry("lora_alpha", nullOnly()),
            Map.entry("input_axes", nullOnly()),
            Map.entry("output_axes", nullOnly()),
            Map.entry("groups", Set.of(1, 1L)),
            Map.entry("synchronized", Set.of(false)),
            Map.entry("renorm", Set.of(false)),
            Map.entry("optional", Set.of(false)),
            Map.entry("sparse", Set.of(false)),
            Map.entry("ragged", Set.of(false)),
            Map.entry("time_major", Set.of(false)),
            Map.entry("zero_output_for_mask", Set.of(false, true)),
            Map.entry("use_cudnn", Set.of("auto", false, true)),
            Map.entry("implementation", Set.of(0, 1, 2, 0L, 1L, 2L)));

    /** Keys whose value never matters when loading (bookkeeping of the writer). */
    private static final Set<String> IGNORED = Set.of(
            "renorm_clipping", "renorm_momentum", "seed", "input_dtype", "autocast");

    private final String layer;
    private final Map<String, @Nullable Object> map;
    private final Set<String> read = new HashSet<>();

    LayerConfig(String layer, Map<String, @Nullable Object> map) {
        this.layer = layer;
        this.map = map;
    }

    private static Set<Object> nullOnly() {
        return Set.of();
    }

    /** @return the layer's name or class, as used in messages */
    String layer() {
        return layer;
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    @Nullable Object raw(String key) {
        read.add(key);
        return map.get(key);
    }

    IllegalArgumentException error(String key, String reason) {
        return new IllegalArgumentException("Layer " + layer + ", key \"" + key + "\": " + reason
                + ". Received: " + key + "=" + map.get(key));
    }

    int intValue(String key, int fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> l && l.size() == 1) {
            v = l.get(0);
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw error(key, "expected an integer");
    }

    int requiredInt(String key) {
        if (map.get(key) == null) {
            throw error(key, "the key is required");
        }
        return intValue(key, 0);
    }

    @Nullable Integer optionalInt(String key) {
        return raw(key) == null ? null : Integer.valueOf(intValue(key, 0));
    }

    double doubleValue(String key, double fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error(key, "expected a number");
    }

    boolean bool(String key, boolean fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw error(key, "expected true or false");
    }

    @Nullable String string(String key, @Nullable String fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw error(key, "expected a string");
    }

    /**
     * An integer tuple: a list, or a single integer repeated {@code rank} times (Keras accepts
     * both).
     */
    int[] ints(String key, int rank, int[] fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number) {
            int[] out = new int[rank];
            java.util.Arrays.fill(out, intValue(key, 0));
            return out;
        }
        if (v instanceof List<?> l) {
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    throw error(key, "expected a list of integers");
                }
                out[i] = n.intValue();
            }
            return out;
        }
        throw error(key, "expected an integer or a list of integers");
    }

    /** A nested object ({@code {"class_name", "config"}}) or a string identifier, or null. */
    @Nullable Object object(String key) {
        Object v = raw(key);
        if (v == null || v instanceof String || v instanceof Map<?, ?>) {
            return v;
        }
        throw error(key, "expected a string or a {\"class_name\", \"config\"} object");
    }

    /**
     * Fails on keys no factory read, unless they are bookkeeping or carry a harmless value.
     *
     * @throws IllegalArgumentException naming the first unsupported key
     */
    void requireAllRead() {
        for (Map.Entry<String, @Nullable Object> e : map.entrySet()) {
            String k = e.getKey();
            if (read.contains(k) || IGNORED.contains(k)) {
                continue;
            }
            Set<Object> ok = HARMLESS.get(k);
            if (ok != null && (e.getValue() == null || ok.contains(e.getValue()))) {
                continue;
            }
            throw error(k, ok == null ? "unsupported key" : "unsupported value");
        }
    }
}
