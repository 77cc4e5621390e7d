package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class OrthogonalTest {

    /** Row-major (rows × cols) matrix from a generated weight. */
    private static double[][] matrix(INDArray w, int rows, int cols) {
        double[] v = Samples.values(w);
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(v, i * cols, m[i], 0, cols);
        }
        return m;
    }

    /** Aᵀ·B for matrices stored as rows. */
    private static double[][] transposeTimes(double[][] a, double[][] b) {
        double[][] c = new double[a[0].length][b[0].length];
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[0].length; j++) {
                for (int k = 0; k < a.length; k++) {
                    c[i][j] += a[k][i] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static void assertScaledIdentity(double[][] m, double value) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                assertThat(m[i][j]).as("[%d][%d]", i, j).isCloseTo(i == j ? value : 0, within(1e-12));
            }
        }
    }

    @Test
    void tallMatrixHasOrthonormalColumnsTimesGain() {
        double[][] q = matrix(new Orthogonal(2.0, null).generate(new long[] {7, 4}, DataType.DOUBLE, Samples.rng(1)), 7, 4);
        assertScaledIdentity(transposeTimes(q, q), 4.0);
    }

    @Test
    void wideMatrixHasOrthonormalRows() {
        double[][] q = matrix(new Orthogonal().generate(new long[] {3, 5}, DataType.DOUBLE, Samples.rng(2)), 3, 5);
        assertScaledIdentity(transposeTimes(transpose(q), transpose(q)), 1.0);
    }

    @Test
    void squareMatrixIsOrthogonalBothWays() {
        double[][] q = matrix(new Orthogonal().generate(new long[] {30, 30}, DataType.DOUBLE, Samples.rng(3)), 30, 30);
        assertScaledIdentity(transposeTimes(q, q), 1.0);
        assertScaledIdentity(transposeTimes(transpose(q), transpose(q)), 1.0);
    }

    @Test
    void higherRanksAreFlattenedToAllButLastByLast() {
        INDArray w = new Orthogonal().generate(new long[] {2, 3, 4}, DataType.DOUBLE, Samples.rng(4));
        assertThat(w.shape()).containsExactly(2, 3, 4);
        double[][] q = matrix(w, 6, 4);
        assertScaledIdentity(transposeTimes(q, q), 1.0);
    }

    @Test
    void isTheQOfTheDrawnMatrixWithPositiveDiagonalOfR() {
        // A seeded initializer draws the 6×4 standard normal matrix row by row from java.util.Random(seed).
        Random random = new Random(7);
        double[][] a = new double[6][4];
        for (double[] row : a) {
            for (int j = 0; j < 4; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] q = matrix(new Orthogonal(1.0, 7L).generate(new long[] {6, 4}, DataType.DOUBLE, Samples.rng(0)), 6, 4);
        double[][] r = transposeTimes(q, a);
        for (int i = 0; i < 4; i++) {
            assertThat(r[i][i]).isPositive();
            for (int j = 0; j < i; j++) {
                assertThat(r[i][j]).as("R[%d][%d]", i, j).isCloseTo(0, within(1e-12));
            }
        }
    }

    @Test
    void rejectsVectors() {
        assertThatThrownBy(() -> new Orthogonal().generate(new long[] {5}, DataType.DOUBLE, Samples.rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two-dimensional");
    }

    @Test
    void configAndSeed() {
        assertThat(new Orthogonal().className()).isEqualTo("Orthogonal");
        assertThat(new Orthogonal(1.5, 3L).getConfig()).containsExactly(entry("gain", 1.5), entry("seed", 3L));
        Samples.assertSeedMakesItReproducible(s -> new Orthogonal(1.0, s), 5, 3);
        Samples.assertUnseededFollowsTheModelGenerator(s -> new Orthogonal(1.0, s), 5, 3);
    }
}
