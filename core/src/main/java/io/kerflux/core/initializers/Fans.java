package io.kerflux.core.initializers;

/**
 * The number of input and output units of a weight, which variance-scaling initializers divide by.
 *
 * <p>Keras equivalent: {@code keras.initializers._compute_fans(shape)} of Keras 2.3 (kernels are
 * always channels-last). [tf.keras] gives a 1-D shape {@code (n,)} fans of {@code n}; Keras 2.3
 * gives {@code √n}, as here.
 *
 * @param fanIn the number of input units
 * @param fanOut the number of output units
 */
public record Fans(double fanIn, double fanOut) {

    /**
     * The fans of a weight shape, by Keras 2.3's rules.
     *
     * <ul>
     *   <li>2-D {@code (in, out)}: {@code (in, out)};
     *   <li>3-D to 5-D convolution kernel {@code (k1, …, in, out)}: {@code (in·r, out·r)} with the
     *       receptive field {@code r = k1·…};
     *   <li>any other rank: both {@code √(number of elements)}.
     * </ul>
     *
     * @param shape the weight shape in Keras order
     * @return the fans
     */
    public static Fans of(long[] shape) {
        int rank = shape.length;
        if (rank == 2) {
            return new Fans(shape[0], shape[1]);
        }
        if (rank >= 3 && rank <= 5) {
            double receptiveField = 1;
            for (int i = 0; i < rank - 2; i++) {
                receptiveField *= shape[i];
            }
            return new Fans(shape[rank - 2] * receptiveField, shape[rank - 1] * receptiveField);
        }
        double size = 1;
        for (long d : shape) {
            size *= d;
        }
        double root = Math.sqrt(size);
        return new Fans(root, root);
    }
}
