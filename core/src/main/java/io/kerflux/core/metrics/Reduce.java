package io.kerflux.core.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stateful reduction of values: a weighted {@code total} and {@code count}, kept in Java doubles.
 *
 * <p>Keras equivalent: {@code keras.metrics.Reduce}, the base of {@code Mean} and {@code Sum}. An
 * update adds {@code Σ w·v} to {@code total} and {@code Σ w} to {@code count} (without weights:
 * {@code Σ v} and the number of values). Weights broadcast over the trailing dimensions of the
 * values as in Keras: {@code (n,)} or {@code (n, 1)} weights cover values {@code (n, T)}, each
 * weight counting once per value it covers. Not thread-safe.
 */
public abstract sealed class Reduce permits Mean, Sum {
    private final String name;
    private double total;
    private double count;

    Reduce(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The metric's name, the key in logs.
     *
     * @return the name
     */
    public final String name() {
        return name;
    }

    /**
     * Adds values to the state.
     *
     * <p>Keras equivalent: {@code update_state(values, sample_weight)}.
     *
     * @param values any shape, e.g. per-sample values {@code (n,)} or {@code (n, T)}
     * @param sampleWeight null for weight 1; else a single value, the shape of {@code values}, a
     *     leading part of it ({@code (n,)} for values {@code (n, T)}), or either with a trailing 1
     * @throws IllegalArgumentException if the weights cannot be broadcast to the values
     */
    public final void update(INDArray values, @Nullable INDArray sampleWeight) {
        double[] v = MetricArrays.doubles(values);
        if (sampleWeight == null) {
            for (double x : v) {
                total += x;
            }
            count += v.length;
            return;
        }
        double[] w = MetricArrays.doubles(sampleWeight);
        int block = blockSize(values, sampleWeight);
        double weightedSum = 0;
        double weightSum = 0;
        for (int i = 0; i < v.length; i++) {
            weightedSum += w[i / block] * v[i];
        }
        for (double x : w) {
            weightSum += x;
        }
        total += weightedSum;
        count += weightSum * block;
    }

    /**
     * The current value.
     *
     * <p>Keras equivalent: {@code result()}.
     *
     * @return the reduction of everything added since the last reset
     */
    public abstract double result();

    /** Clears the state; Keras equivalent: {@code reset_states()}. */
    public final void reset() {
        total = 0;
        count = 0;
    }

    /**
     * The accumulated {@code Σ w·v}.
     *
     * @return the total
     */
    public final double total() {
        return total;
    }

    /**
     * The accumulated {@code Σ w} (number of values when unweighted).
     *
     * @return the count
     */
    public final double count() {
        return count;
    }

    /** How many consecutive values (in 'c' order) one weight covers; a single weight covers all. */
    private static int blockSize(INDArray values, INDArray sampleWeight) {
        if (sampleWeight.length() == 1) {
            return (int) values.length();
        }
        long[] vs = values.shape();
        long[] ws = sampleWeight.shape();
        if (ws.length == vs.length + 1 && ws[ws.length - 1] == 1) {
            ws = Arrays.copyOf(ws, ws.length - 1);
        }
        if (ws.length > vs.length || !Arrays.equals(ws, Arrays.copyOf(vs, ws.length))) {
            throw new IllegalArgumentException("sample_weight cannot be broadcast to the metric values. Received: "
                    + "sample_weight shape " + MetricArrays.text(sampleWeight.shape()) + ", values shape " + MetricArrays.text(vs));
        }
        long block = 1;
        for (int i = ws.length; i < vs.length; i++) {
            block *= vs[i];
        }
        return (int) block;
    }
}
