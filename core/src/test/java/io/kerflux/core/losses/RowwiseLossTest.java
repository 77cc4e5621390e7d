package io.kerflux.core.losses;

import static io.kerflux.core.losses.LossTesting.arr;
import static io.kerflux.core.losses.LossTesting.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RowwiseLossTest {

    @Test
    void flatTargetsMatchSingleColumnPredictions() {
        // (n,) targets with (n, 1) predictions are taken per sample, not broadcast to (n, n)
        INDArray flat = Nd4j.create(new double[] {1, 2, 3});
        INDArray p = arr(new double[] {1.5}, new double[] {2}, new double[] {1});
        assertClose(new MeanSquaredError().call(flat, p).toDoubleVector(), new double[] {0.25, 0, 4});
    }

    @Test
    void rejectsOneDimensionalPredictions() {
        assertThatThrownBy(() -> new MeanSquaredError().call(Nd4j.ones(3), Nd4j.ones(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 dimensions").hasMessageContaining("(3,)");
    }

    @Test
    void rejectsTargetsShapedUnlikePredictions() {
        assertThatThrownBy(() -> new MeanSquaredError().gradient(Nd4j.ones(2, 3), Nd4j.ones(3, 2), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mean_squared_error")
                .hasMessageContaining("(3, 2)").hasMessageContaining("(2, 3)");
    }

    @Test
    void leavesInputsUntouched() {
        INDArray t = arr(new double[] {0, 1, 0});
        INDArray p = arr(new double[] {0.2, 0.5, 0.3});
        INDArray tCopy = t.dup();
        INDArray pCopy = p.dup();
        for (Loss loss : new Loss[] {new CategoricalCrossentropy(), new BinaryCrossentropy(), new KLDivergence(),
                new CosineSimilarity(), new CategoricalHinge(), new Huber(), new MeanSquaredLogarithmicError()}) {
            loss.compute(t, p, null);
            loss.gradient(t, p, null);
        }
        assertThat(t).isEqualTo(tCopy);
        assertThat(p).isEqualTo(pCopy);
    }

    @Test
    void worksOnNonContiguousViews() {
        INDArray wide = arr(new double[] {0, 1, 9}, new double[] {2, 3, 9});
        INDArray p = wide.getColumns(0, 1);
        INDArray t = Nd4j.zeros(2, 2);
        // (0 + 1)/2 and (4 + 9)/2
        assertClose(new MeanSquaredError().call(t, p).toDoubleVector(), new double[] {0.5, 6.5});
        assertThat(new MeanSquaredError().gradient(t, p, null).toDoubleMatrix())
                .isEqualTo(new double[][] {{0, 0.5}, {1, 1.5}});
    }
}
