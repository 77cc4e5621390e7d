package io.kerflux.core.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.testing.GradientCheck;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared checks for the loss tests. The expected numbers come from a per-sample reference formula
 * written in plain Java by each test and from the §5 reduction written out here: {@code Σ w·l /
 * count(l)} for sum_over_batch_size, {@code Σ w·l} for sum, {@code w·l} for none.
 */
final class LossTesting {

    private LossTesting() { }

    /** A per-sample reference: targets and predictions of one sample (last axis) to its loss. */
    interface Reference extends ToDoubleBiFunction<double[], double[]> { }

    static INDArray arr(double[]... rows) {
        return Nd4j.create(rows);
    }

    static INDArray arr(double[][]... blocks) {
        return Nd4j.create(blocks);
    }

    /** One weight per sample, all different: 0.5, 1.25, 2.0, … */
    static double[] sampleWeights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + 0.75 * i;
        }
        return w;
    }

    /** One weight per timestep, all different. */
    static double[][] timestepWeights(int n, int steps) {
        double[][] w = new double[n][steps];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < steps; s++) {
                w[i][s] = 0.25 + 0.5 * i + 0.3 * s;
            }
        }
        return w;
    }

    static void assertClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
    }

    static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i]);
        }
    }

    /**
     * Checks per-sample values and all three reductions against the reference on 2-D data, with no
     * weights, a scalar, {@code (n,)} and {@code (n, 1)} weights.
     */
    static void checkValues(Function<Reduction, LossFunction> factory, double[][] t, double[][] p, Reference ref) {
        int n = t.length;
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = ref.applyAsDouble(t[i], p[i]);
        }
        double[] w = sampleWeights(n);
        double plain = 0;
        double weighted = 0;
        double[] weightedValues = new double[n];
        for (int i = 0; i < n; i++) {
            plain += l[i];
            weighted += w[i] * l[i];
            weightedValues[i] = w[i] * l[i];
        }
        INDArray yt = arr(t);
        INDArray yp = arr(p);
        INDArray wn = Nd4j.create(w);
        INDArray wn1 = wn.reshape(n, 1);

        LossFunction mean = factory.apply(Reduction.SUM_OVER_BATCH_SIZE);
        assertThat(mean.call(yt, yp).shape()).containsExactly(n);
        assertClose(mean.call(yt, yp).toDoubleVector(), l);
        assertClose(mean.compute(yt, yp, null), plain / n);
        assertClose(mean.compute(yt, yp, Nd4j.scalar(2.5)), 2.5 * plain / n);
        assertClose(mean.compute(yt, yp, wn), weighted / n);
        assertClose(mean.compute(yt, yp, wn1), weighted / n);

        assertClose(factory.apply(Reduction.SUM).compute(yt, yp, wn), weighted);

        LossFunction none = factory.apply(Reduction.NONE);
        assertClose(none.computeUnreduced(yt, yp, wn).toDoubleVector(), weightedValues);
        assertThatThrownBy(() -> none.compute(yt, yp, wn))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reduction='none'");
        assertThatThrownBy(() -> none.gradient(yt, yp, wn))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reduction='none'");
    }

    /**
     * Checks temporal data {@code (n, T, C)}: per-sample values of shape {@code (n, T)}, {@code (n,
     * T)} weights divided by {@code n·T}, and {@code (n,)} weights broadcast over the timesteps.
     */
    static void checkTemporalValues(LossFunction loss, double[][][] t, double[][][] p, Reference ref) {
        int n = t.length;
        int steps = t[0].length;
        double[][] w = timestepWeights(n, steps);
        double[] ws = sampleWeights(n);
        double[] l = new double[n * steps];
        double byStep = 0;
        double bySample = 0;
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < steps; s++) {
                double v = ref.applyAsDouble(t[i][s], p[i][s]);
                l[i * steps + s] = v;
                byStep += w[i][s] * v;
                bySample += ws[i] * v;
            }
        }
        INDArray yt = arr(t);
        INDArray yp = arr(p);
        INDArray values = loss.call(yt, yp);
        assertThat(values.shape()).containsExactly(n, steps);
        assertClose(values.reshape(n * steps).toDoubleVector(), l);
        assertClose(loss.compute(yt, yp, arr(w)), byStep / (n * steps));
        assertClose(loss.compute(yt, yp, Nd4j.create(ws)), bySample / (n * steps));
    }

    /** Finite-difference check of {@code gradient} against {@code compute}, in double precision. */
    static void checkGradient(String what, Loss loss, INDArray yTrue, INDArray yPred, @Nullable INDArray w) {
        INDArray analytic = loss.gradient(yTrue, yPred, w);
        GradientCheck.check(what, yPred, analytic, () -> loss.compute(yTrue, yPred, w),
                GradientCheck.MIN_ABS_ERROR_LOSSES);
    }

    /**
     * Gradient checks for 2-D data without and with {@code (n,)} weights, with reduction "sum", and
     * for temporal data with {@code (n, T)} weights.
     */
    static void checkGradients(Function<Reduction, LossFunction> factory, double[][] t, double[][] p,
            double[][][] t3, double[][][] p3) {
        LossFunction mean = factory.apply(Reduction.SUM_OVER_BATCH_SIZE);
        INDArray w = Nd4j.create(sampleWeights(t.length));
        checkGradient(mean.name() + " unweighted", mean, arr(t), arr(p), null);
        checkGradient(mean.name() + " weighted", mean, arr(t), arr(p), w);
        checkGradient(mean.name() + " sum", factory.apply(Reduction.SUM), arr(t), arr(p), w);
        checkGradient(mean.name() + " temporal", mean, arr(t3), arr(p3), arr(timestepWeights(t3.length, t3[0].length)));
    }
}
