package io.kerflux.core.utils;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras' data helpers ({@code keras.utils}). */
public final class Utils {
    private Utils() { }

    /**
     * One-hot encodes integer class labels ({@code keras.utils.to_categorical(y, num_classes)}).
     *
     * @param y integer labels, shape {@code (n,)} or {@code (n, 1)}
     * @param numClasses the number of classes, greater than every label
     * @return a float32 matrix {@code (n, numClasses)}
     * @throws IllegalArgumentException if a label is negative, not an integer, or not below numClasses
     */
    public static INDArray toCategorical(INDArray y, int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("num_classes must be positive. Received: num_classes=" + numClasses);
        }
        if (y.rank() > 2 || (y.rank() == 2 && y.size(1) != 1)) {
            throw new IllegalArgumentException("y must hold one integer label per sample, shape (n,) or (n, 1). "
                    + "Received shape " + java.util.Arrays.toString(y.shape()));
        }
        long n = y.length();
        INDArray out = Nd4j.zeros(DataType.FLOAT, n, numClasses);
        for (long i = 0; i < n; i++) {
            double v = y.getDouble(i);
            int label = (int) v;
            if (label != v || label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("Label at index " + i + " must be an integer in [0, " + numClasses
                        + "). Received: " + v);
            }
            out.putScalar(i, label, 1f);
        }
        return out;
    }

    /**
     * One-hot encodes with {@code numClasses = max(y) + 1}, as Keras does when num_classes is None.
     *
     * @param y integer labels, shape {@code (n,)} or {@code (n, 1)}
     * @return a float32 matrix {@code (n, max(y) + 1)}
     */
    public static INDArray toCategorical(INDArray y) {
        return toCategorical(y, y.maxNumber().intValue() + 1);
    }
}
