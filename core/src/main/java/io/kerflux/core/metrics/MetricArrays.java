package io.kerflux.core.metrics;

import java.util.Arrays;
import java.util.StringJoiner;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Array helpers shared by the metric functions and the reductions. */
final class MetricArrays {

    private MetricArrays() { }

    /** A shape as Python prints a tuple, so messages read like Keras': {@code (3,)}, {@code (3, 2)}. */
    static String text(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /** The shape without its last axis: the per-sample shape of a last-axis reduction. */
    static long[] leading(long[] shape) {
        return Arrays.copyOf(shape, shape.length - 1);
    }

    /** The elements in 'c' order as doubles; a copy, so views and any dtype are safe. */
    static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
