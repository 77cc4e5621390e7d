package io.kerflux.core.metrics;

/**
 * The stateful weighted sum of the values given.
 *
 * <p>Keras equivalent: {@code keras.metrics.Sum(name='sum')}. For example values {@code [1, 3, 5,
 * 7]} give 16, and with weights {@code [1, 1, 0, 0]} give 4.
 */
public final class Sum extends Reduce {

    /** A sum named "sum". */
    public Sum() {
        this("sum");
    }

    /**
     * A sum with a name.
     *
     * @param name the key in logs
     */
    public Sum(String name) {
        super(name);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code total}, 0 before anything was added
     */
    @Override
    public double result() {
        return total();
    }
}
