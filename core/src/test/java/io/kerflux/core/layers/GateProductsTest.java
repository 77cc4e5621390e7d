package io.kerflux.core.layers;

import static io.kerflux.core.layers.RecurrentTesting.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GateProductsTest {
    private static final int UNITS = 2;
    private static final int GATES = 3;

    /** Σ_k a[r][k] · w[k][c] by plain loops. */
    private static double dot(INDArray a, INDArray w, int r, int c) {
        double sum = 0;
        for (int k = 0; k < a.size(1); k++) {
            sum += a.getDouble(r, k) * w.getDouble(k, c);
        }
        return sum;
    }

    private static GateProducts products(INDArray recurrentKernel) {
        return new GateProducts(UNITS, GATES, new Weight("recurrent_kernel", recurrentKernel, null, null, true));
    }

    @Test
    void multipliesEachGateBlockByItsOwnInput() {
        INDArray w = random(1, 4, GATES * UNITS);
        INDArray[] xs = {random(2, 3, 4), random(3, 3, 4), random(4, 3, 4)};
        INDArray out = Nd4j.create(DataType.DOUBLE, 3, GATES * UNITS);
        products(random(5, UNITS, GATES * UNITS)).input(xs, w, out);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < GATES * UNITS; c++) {
                assertThat(out.getDouble(r, c)).isCloseTo(dot(xs[c / UNITS], w, r, c), within(1e-12));
            }
        }
    }

    @Test
    void recurrentProductOfSomeGatesUsesTheirColumnsOnly() {
        INDArray u = random(6, UNITS, GATES * UNITS);
        GateProducts p = products(u);
        p.beginForward();
        INDArray h = random(7, 3, UNITS);
        INDArray out = p.recurrent(new INDArray[] {h}, 1, 2);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 2 * UNITS; c++) {
                assertThat(out.getDouble(r, c)).isCloseTo(dot(h, u, r, c + UNITS), within(1e-12));
            }
        }
    }

    @Test
    void recurrentBackwardGathersTheKernelGradientOfEachGate() {
        INDArray u = random(8, UNITS, GATES * UNITS);
        Weight kernel = new Weight("recurrent_kernel", u, null, null, true);
        GateProducts p = new GateProducts(UNITS, GATES, kernel);
        INDArray[] hs = {random(9, 3, UNITS), random(10, 3, UNITS), random(11, 3, UNITS)};
        INDArray dOut = random(12, 3, 2 * UNITS);
        p.beginForward();
        p.beginBackward();
        INDArray[] dh = p.recurrentBackward(hs, dOut, 1, 2);
        p.endBackward();
        // gate g's columns: dU = h_g^T · dOut_g; dh_g = dOut_g · U_g^T; gate 0 is outside the range
        for (int row = 0; row < UNITS; row++) {
            for (int c = 0; c < GATES * UNITS; c++) {
                int g = c / UNITS;
                double expected = 0;
                if (g > 0) {
                    for (int b = 0; b < 3; b++) {
                        expected += hs[g].getDouble(b, row) * dOut.getDouble(b, c - UNITS);
                    }
                }
                assertThat(kernel.gradient().getDouble(row, c)).isCloseTo(expected, within(1e-12));
            }
        }
        assertThat(dh[0]).isNull();
        for (int g = 1; g < GATES; g++) {
            for (int b = 0; b < 3; b++) {
                for (int k = 0; k < UNITS; k++) {
                    double expected = 0;
                    for (int j = 0; j < UNITS; j++) {
                        expected += dOut.getDouble(b, (g - 1) * UNITS + j) * u.getDouble(k, g * UNITS + j);
                    }
                    assertThat(dh[g].getDouble(b, k)).isCloseTo(expected, within(1e-12));
                }
            }
        }
    }
}
