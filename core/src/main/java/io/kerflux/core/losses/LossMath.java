package io.kerflux.core.losses;

import java.util.Arrays;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Shape handling, sample-weight broadcasting and the numerics the built-in losses share. */
final class LossMath {
    /** Keras' fuzz factor, {@code K.epsilon()}. */
    static final double EPSILON = 1e-7;

    /**
     * Row blocks up to this many elements are computed in Java doubles: below it, the dozen native
     * calls of the array formulas (each with its JNI round trip and allocation) cost more than the
     * arithmetic itself.
     */
    static final long SMALL = 1 << 14;

    private LossMath() { }

    /**
     * Whether {@code x} is small enough for the Java path.
     *
     * @param x the predictions
     * @return true below {@link #SMALL} elements
     */
    static boolean small(INDArray x) {
        return x.length() <= SMALL;
    }

    /**
     * The elements of {@code x} in row-major order.
     *
     * @param x any array
     * @return a new Java array
     */
    static double[] values(INDArray x) {
        boolean rowMajor = !x.isView() && x.ordering() == 'c' && Arrays.equals(x.stride(), Nd4j.getStrides(x.shape(), 'c'));
        INDArray dense = rowMajor ? x : x.dup('c');
        return dense.data().asDouble();
    }

    /**
     * A row-major {@code (rows, cols)} array of {@code dtype} holding {@code v}.
     *
     * @param v the elements, row-major
     * @param rows the rows
     * @param cols the columns
     * @param dtype the dtype of the result
     * @return a new array
     */
    static INDArray matrix(double[] v, long rows, long cols, DataType dtype) {
        return Nd4j.create(v, new long[] {rows, cols}, dtype);
    }

    /** Keras' clip of probabilities to {@code [ε, 1 − ε]}; NaN becomes ε, as ND4J's scalar max does. */
    static double clip(double p) {
        double c = p > EPSILON ? p : EPSILON;
        return c < 1 - EPSILON ? c : 1 - EPSILON;
    }

    /** 1 where the clip passes the gradient through ({@code ε ≤ p ≤ 1 − ε}), else 0. */
    static double inside(double p) {
        return p >= EPSILON && p <= 1 - EPSILON ? 1 : 0;
    }

    /**
     * The shape without its last axis: the shape of the per-sample values.
     *
     * @param shape a shape of rank ≥ 1
     * @return the leading dimensions
     */
    static long[] leading(long[] shape) {
        return Arrays.copyOf(shape, shape.length - 1);
    }

    /**
     * Checks that predictions have a sample axis and a last (feature or class) axis.
     *
     * @param lossName the loss, for the message
     * @param yPred the predictions
     * @throws IllegalArgumentException for predictions of rank below 2
     */
    static void requireSamplesAndFeatures(String lossName, INDArray yPred) {
        if (yPred.rank() < 2) {
            throw new IllegalArgumentException("Loss " + lossName + " expects y_pred with at least 2 dimensions"
                    + " (samples, …, features). Received: y_pred with shape " + shape(yPred.shape()));
        }
    }

    /**
     * The number of elements of a shape (1 for a scalar).
     *
     * @param shape a shape
     * @return the product of its dimensions
     */
    static long count(long[] shape) {
        long c = 1;
        for (long d : shape) {
            c *= d;
        }
        return c;
    }

    /**
     * A shape written the Python way, as Keras messages do: {@code ()}, {@code (3,)}, {@code (3, 2)}.
     *
     * @param shape a shape
     * @return its text
     */
    static String shape(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /**
     * 1 where {@code lo ≤ x ≤ hi}, else 0, in x's dtype: where a clip passes the gradient through.
     * The bounds are inclusive, like the gradient of TensorFlow's {@code clip_by_value}.
     *
     * @param x the values
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the mask
     */
    static INDArray inside(INDArray x, double lo, double hi) {
        INDArray mask = x.gte(lo).castTo(x.dataType());
        return mask.muli(x.lte(hi).castTo(x.dataType()));
    }

    /**
     * Row-wise log-softmax of a matrix, shifted by the row maximum so large logits do not overflow.
     *
     * @param z logits, shape {@code (m, C)}
     * @return {@code z − logsumexp(z)} per row, a new array
     */
    static INDArray logSoftmax(INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }

    /**
     * Sample weights expanded to the per-sample loss shape, following Keras'
     * {@code squeeze_or_expand_dimensions} and broadcasting: a scalar, one weight per sample
     * {@code (n,)} (expanded over timesteps), {@code (n, 1)} (squeezed), or any shape whose
     * dimensions are 1 or equal to the per-sample shape's.
     *
     * @param sampleWeight the weights, or null for all ones
     * @param perSampleShape the shape of the per-sample values
     * @param predShape the prediction shape, for the error message
     * @param dtype the dtype to compute in
     * @return weights of exactly {@code perSampleShape}, or null when none were given
     * @throws IllegalArgumentException if the weights cannot broadcast to the per-sample shape
     */
    static @Nullable INDArray expandWeights(@Nullable INDArray sampleWeight, long[] perSampleShape,
            long[] predShape, DataType dtype) {
        if (sampleWeight == null) {
            return null;
        }
        long[] s = sampleWeight.shape();
        int rank = perSampleShape.length;
        if (s.length == rank + 1 && s[rank] == 1) {
            s = Arrays.copyOf(s, rank);
        }
        boolean ok = s.length <= rank;
        long[] padded = new long[rank];
        for (int i = 0; ok && i < rank; i++) {
            padded[i] = i < s.length ? s[i] : 1;
            ok = padded[i] == 1 || padded[i] == perSampleShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("sample_weight cannot be broadcast to the per-sample loss: expected"
                    + " a scalar or a shape broadcastable to " + shape(perSampleShape) + " (the shape of y_pred "
                    + shape(predShape) + " without its last axis). Received: sample_weight with shape "
                    + shape(sampleWeight.shape()));
        }
        INDArray w = sampleWeight.castTo(dtype).reshape('c', padded);
        if (Arrays.equals(padded, perSampleShape)) {
            return w;
        }
        return w.broadcast(perSampleShape);
    }
}
