package io.kerflux.core.constraints;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The axes along which the norm constraints measure weight vectors, and Keras' epsilon. */
final class NormAxes {
    /** {@code K.epsilon()}, added to the norms before dividing, as in Keras' constraints. */
    static final double EPSILON = 1e-7;

    private NormAxes() { }

    /**
     * Validates and copies an axis argument.
     *
     * @throws IllegalArgumentException if no axis is given
     */
    static int[] copy(int[] axis) {
        Objects.requireNonNull(axis, "axis");
        if (axis.length == 0) {
            throw new IllegalArgumentException("axis must name at least one axis. Received: axis=[]");
        }
        return axis.clone();
    }

    /** The axis as Keras writes it in a config: an int for one axis, else a list. */
    static Object config(int[] axis) {
        return axis.length == 1 ? (Object) axis[0] : List.of(Arrays.stream(axis).boxed().toArray(Integer[]::new));
    }

    /**
     * The L2 norms of {@code w} along the axes, keeping the reduced dimensions so that they broadcast
     * against {@code w}. Negative axes count from the end.
     *
     * @throws IllegalArgumentException if an axis does not exist in {@code w}
     */
    static INDArray norms(INDArray w, int[] axis) {
        int rank = w.rank();
        int[] dims = new int[axis.length];
        for (int i = 0; i < axis.length; i++) {
            int a = axis[i] < 0 ? axis[i] + rank : axis[i];
            if (a < 0 || a >= rank) {
                throw new IllegalArgumentException("axis " + axis[i] + " is out of bounds for a weight of shape "
                        + Arrays.toString(w.shape()) + ". Received: axis=" + Arrays.toString(axis));
            }
            dims[i] = a;
        }
        return w.norm2(true, dims);
    }
}
