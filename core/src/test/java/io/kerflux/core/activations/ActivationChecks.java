package io.kerflux.core.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.testing.GradientCheck;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared checks for activation tests: values against a scalar formula, gradients against finite differences. */
final class ActivationChecks {
    private ActivationChecks() { }

    /** A double array of the given shape from plain values (row-major). */
    static INDArray doubles(double[] values, long... shape) {
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }

    /** Applies {@code a} to {@code points} and compares every element with {@code formula}. */
    static void assertMatchesFormula(Activation a, double[] points, DoubleUnaryOperator formula) {
        INDArray y = a.apply(doubles(points, 1, points.length));
        for (int i = 0; i < points.length; i++) {
            double expected = formula.applyAsDouble(points[i]);
            assertThat(y.getDouble(0, i)).as("%s(%s)", a.name(), points[i])
                    .isCloseTo(expected, within(1e-12 * Math.max(1.0, Math.abs(expected))));
        }
    }

    /**
     * Checks {@code backward} against central differences of {@code sum(apply(x) · r)} for a fixed
     * random {@code r}, whose gradient with respect to the output is {@code r}.
     */
    static void assertGradientMatches(Activation a, INDArray x) {
        Random random = new Random(11);
        double[] weights = new double[(int) x.length()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextDouble() * 2 - 1;
        }
        INDArray r = Nd4j.create(weights, x.shape(), DataType.DOUBLE);
        INDArray y = a.apply(x);
        INDArray gx = a.backward(x, y, r);
        GradientCheck.check(a.name(), x, gx, () -> a.apply(x).mul(r).sumNumber().doubleValue(),
                GradientCheck.MIN_ABS_ERROR_LAYERS);
    }
}
