package io.kerflux.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricTest {

    @Test
    void withNameGivesAViewSharingTheState() {
        Metric original = new BinaryAccuracy();
        Metric renamed = original.withName("binary_accuracy_1");
        assertThat(renamed.name()).isEqualTo("binary_accuracy_1");
        assertThat(original.name()).isEqualTo("binary_accuracy");

        INDArray t = Nd4j.create(new double[] {1, 0});
        INDArray p = Nd4j.create(new double[] {0.9, 0.8});
        assertThat(renamed.call(t, p).toDoubleVector()).containsExactly(1, 0);
        renamed.update(t, p, null);
        // 1 of 2 right, seen through both names
        assertThat(original.result()).isEqualTo(0.5);
        assertThat(renamed.result()).isEqualTo(0.5);
        original.reset();
        assertThat(renamed.result()).isZero();
    }

    @Test
    void renamingTwiceKeepsTheOriginalState() {
        Metric original = new CategoricalAccuracy();
        Metric twice = original.withName("a").withName("b");
        assertThat(twice.name()).isEqualTo("b");
        twice.update(Nd4j.create(new double[][] {{0, 1}}), Nd4j.create(new double[][] {{0.2, 0.8}}), null);
        assertThat(original.result()).isEqualTo(1.0);
    }
}
