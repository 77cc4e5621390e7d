package io.kerflux.core.training;

import java.util.List;
import java.util.Objects;

/**
 * What {@code evaluate} returns: the loss and metrics in {@code metrics_names} order.
 *
 * <p>Keras returns a scalar when the model has no metrics and a list otherwise; here {@link
 * #values()} is always the list and {@link #scalar()} the Keras scalar.
 *
 * @param names the metrics names, starting with "loss"
 * @param values the values, same order
 */
public record Evaluation(List<String> names, List<Double> values) {

    /** Copies and checks the lists. */
    public Evaluation {
        names = List.copyOf(names);
        values = List.copyOf(values);
        if (names.size() != values.size()) {
            throw new IllegalArgumentException("names and values differ in length: " + names + " vs " + values);
        }
    }

    /** @return the loss (the first value) */
    public double loss() {
        return values.get(0);
    }

    /**
     * A value by name.
     *
     * @param name a metrics name ("loss", "accuracy", …)
     * @return its value
     * @throws IllegalArgumentException if there is no such name
     */
    public double get(String name) {
        int i = names.indexOf(Objects.requireNonNull(name, "name"));
        if (i < 0) {
            throw new IllegalArgumentException("No value named " + name + "; the names are " + names);
        }
        return values.get(i);
    }

    /**
     * The single value Keras returns when the model has no metrics.
     *
     * @return the loss
     * @throws IllegalStateException if there are metrics too (use {@link #values()})
     */
    public double scalar() {
        if (values.size() != 1) {
            throw new IllegalStateException("evaluate returned " + values.size() + " values " + names
                    + "; Keras returns a list here: use values()");
        }
        return values.get(0);
    }
}
