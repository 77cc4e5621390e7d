package io.kerflux.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences against an analytic gradient, with DL4J's tolerances (STYLE.md §4):
 * eps 1e-6, relative error |a−n|/(|a|+|n|) ≤ 1e-3, absolute errors below a floor accepted.
 *
 * <p>Everything must be double precision: the check refuses float arrays rather than loosening.
 */
public final class GradientCheck {
    /** Step of the central differences. */
    public static final double EPS = 1e-6;
    /** Largest accepted relative error. */
    public static final double MAX_REL_ERROR = 1e-3;
    /** Absolute error accepted whatever the relative error, for layers. */
    public static final double MIN_ABS_ERROR_LAYERS = 1e-8;
    /** Absolute error accepted whatever the relative error, for losses. */
    public static final double MIN_ABS_ERROR_LOSSES = 1e-5;

    private GradientCheck() { }

    /**
     * Checks {@code analytic} against central differences of {@code f} with respect to {@code x},
     * perturbing {@code x} in place (and restoring it).
     *
     * @param what a label for failure messages
     * @param x the variable, double precision; perturbed in place
     * @param analytic the analytic gradient d f / d x, same shape
     * @param f the scalar function; re-evaluated after each perturbation (reseed any RNG inside)
     * @param minAbsError the absolute error always accepted
     */
    public static void check(String what, INDArray x, INDArray analytic, Supplier<Double> f, double minAbsError) {
        assertThat(x.dataType()).as("%s must be checked in double precision", what).isEqualTo(DataType.DOUBLE);
        assertThat(analytic.shape()).as("%s: gradient shape", what).isEqualTo(x.shape());
        INDArray flat = x.reshape(x.length());
        INDArray grad = analytic.dup().reshape(x.length());
        for (long i = 0; i < x.length(); i++) {
            double orig = flat.getDouble(i);
            flat.putScalar(i, orig + EPS);
            double plus = f.get();
            flat.putScalar(i, orig - EPS);
            double minus = f.get();
            flat.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * EPS);
            double a = grad.getDouble(i);
            double abs = Math.abs(a - numeric);
            double rel = abs == 0 ? 0 : abs / (Math.abs(a) + Math.abs(numeric));
            assertThat(rel <= MAX_REL_ERROR || abs < minAbsError)
                    .as("%s[%d]: analytic %.10g vs numeric %.10g (rel %.3g, abs %.3g)", what, i, a, numeric, rel, abs)
                    .isTrue();
        }
    }
}
