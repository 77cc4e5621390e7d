package io.kerflux.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.activations.Activations;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseTest {

    private static BuildContext doubles(long seed) {
        return new BuildContext(DataType.DOUBLE, new Random(seed));
    }

    @Test
    void rejectsNonPositiveUnits() {
        assertThatThrownBy(() -> new Dense(0, "relu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("units=0");
    }

    @Test
    void buildCreatesKernelAndBias() {
        Dense d = new Dense(4, "relu");
        d.build(new long[] {3}, doubles(1));
        assertThat(d.weights()).extracting(Weight::name).containsExactly("kernel", "bias");
        assertThat(d.weights().get(0).shape()).containsExactly(3, 4);
        assertThat(d.countParams()).isEqualTo(3 * 4 + 4);
        assertThat(d.computeOutputShape(new long[] {7, 3})).containsExactly(7, 4);
    }

    @Test
    void forwardIsAffineMap() {
        Dense d = new Dense(2);
        d.build(new long[] {3}, doubles(1));
        INDArray w = Nd4j.create(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        INDArray b = Nd4j.create(new double[] {0.5, -1});
        d.setWeights(List.of(w, b));
        INDArray x = Nd4j.create(new double[][] {{1, 0, -1}, {2, 1, 0}});
        INDArray y = d.call(x, false);
        // by hand: [1-5+.5, 2-6-1] and [2+3+.5, 4+4-1]
        assertThat(y.toDoubleMatrix()).isEqualTo(new double[][] {{-3.5, -5}, {5.5, 7}});
    }

    @Test
    void float32MatchesFloat64ForEveryActivationAndInputRank() {
        // float32 products go straight to cblas, float64 ones through Nd4j.gemm
        for (String activation : Activations.names()) {
            for (long[] inShape : new long[][] {{6}, {3, 6}}) {
                Float32Check.check(() -> Dense.builder(5).activation(activation).biasInitializer("glorot_uniform").build(),
                        inShape, 4, 2);
            }
        }
    }

    @Test
    void satisfiesLayerContractForEveryActivationWithAndWithoutBias() {
        for (String activation : Activations.names()) {
            for (boolean useBias : new boolean[] {true, false}) {
                for (long[] inShape : new long[][] {{3}, {2, 3}}) {
                    LayerContract.check(
                            () -> Dense.builder(4).activation(activation).useBias(useBias)
                                    .biasInitializer("glorot_uniform").build(),
                            inShape,
                            "units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                            "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                            "kernel_constraint", "bias_constraint");
                }
            }
        }
    }
}
