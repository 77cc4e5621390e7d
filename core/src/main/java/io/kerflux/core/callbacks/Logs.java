package io.kerflux.core.callbacks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The logs a callback hook receives: an ordered, mutable map from Keras' keys ("batch", "size",
 * "loss", "accuracy", "val_loss", "lr", …) to numbers.
 *
 * <p>Keras equivalent: the {@code logs} dict. As in Keras, a callback may add or change entries
 * and the callbacks after it (History is last) see the change. Values are plain doubles, never
 * tensors, so logs can be published as events.
 */
public final class Logs {
    private final LinkedHashMap<String, Double> values;

    /** Empty logs. */
    public Logs() {
        this.values = new LinkedHashMap<>();
    }

    /**
     * Logs holding a copy of the given entries, in their iteration order.
     *
     * @param entries the entries
     */
    public Logs(Map<String, Double> entries) {
        this.values = new LinkedHashMap<>(entries);
    }

    /**
     * Sets an entry.
     *
     * @param key the Keras key
     * @param value the value
     * @return these logs
     */
    public Logs put(String key, double value) {
        values.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /**
     * An entry's value.
     *
     * @param key the key
     * @return the value, or empty if absent
     */
    public OptionalDouble get(String key) {
        Double v = values.get(key);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * An entry's value that must be present.
     *
     * @param key the key
     * @return the value
     * @throws IllegalArgumentException if absent, listing the available keys
     */
    public double require(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("No log entry \"" + key + "\". Available: " + values.keySet());
        }
        return v;
    }

    /**
     * Whether an entry exists.
     *
     * @param key the key
     * @return true if present
     */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /**
     * Removes an entry.
     *
     * @param key the key
     */
    public void remove(String key) {
        values.remove(key);
    }

    /** @return the keys in insertion order */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** @return a read-only view of the entries */
    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** @return an immutable snapshot, for events */
    public Map<String, Double> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return whether there are no entries */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Logs other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
