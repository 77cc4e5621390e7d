package io.kerflux.core.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs optimizers on small float64 vectors and compares them with scalar reference loops. */
final class Steps {
    /** Absolute tolerance of float64 comparisons with the reference formulas. */
    static final double TOLERANCE = 1e-10;
    static final double[] P = {1, -2, 3};
    static final double[] G1 = {0.1, 0.2, -0.3};
    static final double[] G2 = {-0.5, 0.4, 0.1};

    private Steps() { }

    /**
     * Applies one gradient per step to a copy of {@code p0}.
     *
     * @return the parameter after each step
     */
    static double[][] run(Optimizer optimizer, double[] p0, double[]... grads) {
        INDArray p = Nd4j.createFromArray(p0.clone());
        double[][] out = new double[grads.length][];
        for (int i = 0; i < grads.length; i++) {
            optimizer.applyGradients(List.of(p), List.of(Nd4j.createFromArray(grads[i].clone())));
            out[i] = p.toDoubleVector();
        }
        return out;
    }

    static void assertSteps(double[][] actual, double[][] expected) {
        assertThat(actual).hasSameDimensionsAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("parameter after step %d", i + 1).containsExactly(expected[i], within(TOLERANCE));
        }
    }

    /** Guards against tests that would pass with a no-op optimizer or a mixed-up option. */
    static void assertDiffer(double[][] a, double[][] b) {
        double maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i][j] - b[i][j]));
            }
        }
        assertThat(maxDiff).isGreaterThan(1e-6);
    }
}
