package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.models.Sequential;
import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {

    @Test
    void stopsOnNaNLossAndSaysWhichBatch() {
        Sequential model = TestModels.uncompiled();
        TestModels.Captured out = new TestModels.Captured();
        TerminateOnNaN callback = new TerminateOnNaN(out.stream);
        callback.setModel(model);
        callback.onTrainBatchEnd(2, logs("batch", 2, "size", 4, "loss", 0.5));
        assertThat(model.stopTraining()).isFalse();
        callback.onTrainBatchEnd(3, logs("batch", 3, "size", 4, "loss", Double.NaN));
        assertThat(model.stopTraining()).isTrue();
        assertThat(out.text()).isEqualTo("Batch 3: Invalid loss, terminating training\n");
    }

    @Test
    void stopsOnInfiniteLossOfEitherSign() {
        for (double loss : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Sequential model = TestModels.uncompiled();
            TerminateOnNaN callback = new TerminateOnNaN(new TestModels.Captured().stream);
            callback.setModel(model);
            callback.onTrainBatchEnd(0, logs("loss", loss));
            assertThat(model.stopTraining()).isTrue();
        }
    }

    @Test
    void ignoresBatchesWithoutLoss() {
        Sequential model = TestModels.uncompiled();
        TestModels.Captured out = new TestModels.Captured();
        TerminateOnNaN callback = new TerminateOnNaN(out.stream);
        callback.setModel(model);
        callback.onTrainBatchEnd(0, logs("batch", 0, "size", 1));
        assertThat(model.stopTraining()).isFalse();
        assertThat(out.text()).isEmpty();
    }

    @Test
    void needsTheModel() {
        TerminateOnNaN callback = new TerminateOnNaN(new TestModels.Captured().stream);
        assertThatThrownBy(() -> callback.onTrainBatchEnd(0, logs("loss", Double.NaN)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TerminateOnNaN has no model");
    }
}
