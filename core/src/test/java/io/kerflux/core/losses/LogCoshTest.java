package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogCoshTest {
    private static final double[][] T = {{0, 1, 2}, {1, -1, 0.5}};
    private static final double[][] P = {{0.3, 0.8, 4.5}, {0.4, -0.2, 0.1}};
    private static final double[][][] T3 = {{{0, 1}, {2, -1}}, {{1, 1}, {-2, 0}}};
    private static final double[][][] P3 = {{{0.1, 0.7}, {2.4, -1.2}}, {{1.5, 0.2}, {-1.1, 0.6}}};

    private static final LossTesting.Reference LOGCOSH = (t, p) -> {
        double s = 0;
        for (int c = 0; c < t.length; c++) {
            s += Math.log(Math.cosh(p[c] - t[c]));
        }
        return s / t.length;
    };

    private static LossFunction withReduction(Reduction r) {
        return LogCosh.builder().reduction(r).build();
    }

    @Test
    void valuesAreMeanLogCoshWithEveryReduction() {
        LossTesting.checkValues(LogCoshTest::withReduction, T, P, LOGCOSH);
    }

    @Test
    void largeErrorsDoNotOverflow() {
        // log(cosh(x)) → |x| − log 2 for large |x|; cosh(1000) itself overflows a double
        double v = new LogCosh().call(arr(new double[] {0}), arr(new double[] {-1000})).getDouble(0);
        assertThat(v).isCloseTo(1000 - Math.log(2), within(1e-9));
    }

    @Test
    void temporalPredictionsGiveOneValuePerTimestep() {
        LossTesting.checkTemporalValues(new LogCosh(), T3, P3, LOGCOSH);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LossTesting.checkGradients(LogCoshTest::withReduction, T, P, T3, P3);
    }

    @Test
    void defaultsToKerasName() {
        assertThat(new LogCosh().name()).isEqualTo("logcosh");
    }
}
