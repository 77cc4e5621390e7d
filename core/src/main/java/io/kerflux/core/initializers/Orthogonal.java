package io.kerflux.core.initializers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A random orthogonal matrix times a gain.
 *
 * <p>Keras equivalent: {@code keras.initializers.Orthogonal(gain=1., seed=None)} ("orthogonal").
 * The shape is flattened to {@code (product of all but the last dimension, last dimension)} as in
 * Keras; the result has orthonormal columns (tall) or rows (wide), times {@code gain}. The matrix is
 * the Q of the QR decomposition of a standard normal matrix, with R's diagonal made positive, which
 * makes it uniformly (Haar) distributed; this is tf.keras' method, where Keras 2.3 takes an SVD
 * factor, which is orthogonal as well.
 */
public final class Orthogonal implements Initializer {
    private final double gain;
    private final @Nullable Long seed;

    /** Creates the initializer with Keras' defaults (gain 1, no seed). */
    public Orthogonal() {
        this(1.0, null);
    }

    /**
     * Creates the initializer.
     *
     * @param gain the factor applied to the orthogonal matrix
     * @param seed the seed of its own generator, or null to draw from the model's
     * @throws IllegalArgumentException if gain is not finite
     */
    public Orthogonal(double gain, @Nullable Long seed) {
        this.gain = Draws.finite("gain", gain);
        this.seed = seed;
    }

    /** @return the factor applied to the orthogonal matrix */
    public double gain() {
        return gain;
    }

    /** @return the seed, or null when drawing from the model's generator */
    public @Nullable Long seed() {
        return seed;
    }

    @Override
    public String className() {
        return "Orthogonal";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("gain", gain);
        c.put("seed", seed);
        return c;
    }

    @Override
    public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
        int size = Draws.size(shape);
        if (shape.length < 2) {
            throw new IllegalArgumentException("The tensor to initialize must be at least two-dimensional. Received: shape="
                    + Arrays.toString(shape));
        }
        int cols = (int) shape[shape.length - 1];
        int rows = cols == 0 ? 0 : size / cols;
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        RandomGenerator g = Draws.source(seed, rng);
        double[][] q = new double[narrow][tall];
        for (int i = 0; i < tall; i++) {
            for (int j = 0; j < narrow; j++) {
                q[j][i] = g.nextGaussian();
            }
        }
        orthonormalize(q);
        double[] out = new double[size];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                // Tall: column j of Q; wide: the transpose, column i of Q as row i.
                double v = rows >= cols ? q[j][i] : q[i][j];
                out[i * cols + j] = gain * v;
            }
        }
        return Draws.fromDoubles(out, shape, dtype);
    }

    /**
     * Turns the columns {@code a[0], a[1], …} (stored as rows of {@code a}) into the Q of {@code A =
     * QR} with a positive diagonal of R, in place. Gram-Schmidt gives R's diagonal as norms, so
     * positive by construction; each projection is done twice, which keeps Q orthogonal to working
     * precision even when A is ill-conditioned.
     */
    private static void orthonormalize(double[][] a) {
        for (int j = 0; j < a.length; j++) {
            double[] v = a[j];
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = dot(a[k], v);
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= dot * a[k][i];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
