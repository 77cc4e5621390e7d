package io.kerflux.core.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {

    @Test
    void setsTheRateOfTheEpochAndLogsIt() {
        Sequential model = TestModels.compiled(0.01);
        LearningRateScheduler callback = new LearningRateScheduler(epoch -> 0.1 * Math.pow(0.5, epoch));
        callback.setModel(model);
        List<Double> inForce = new ArrayList<>();
        List<Double> logged = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            callback.onEpochBegin(epoch, new Logs());
            inForce.add(model.optimizer().learningRate());
            Logs logs = new Logs();
            callback.onEpochEnd(epoch, logs);
            logged.add(logs.require("lr"));
        }
        // 0.1·0.5^0, 0.1·0.5^1, 0.1·0.5^2
        assertThat(inForce).containsExactly(0.1, 0.05, 0.025);
        assertThat(logged).containsExactly(0.1, 0.05, 0.025);
    }

    @Test
    void twoArgumentScheduleReceivesTheCurrentRate() {
        Sequential model = TestModels.compiled(0.2);
        List<String> seen = new ArrayList<>();
        LearningRateScheduler callback = new LearningRateScheduler((epoch, lr) -> {
            seen.add(epoch + ":" + lr);
            return lr * 0.5;
        });
        callback.setModel(model);
        callback.onEpochBegin(0, new Logs());
        callback.onEpochBegin(1, new Logs());
        assertThat(seen).containsExactly("0:0.2", "1:0.1");
        assertThat(model.optimizer().learningRate()).isEqualTo(0.2 * 0.5 * 0.5);
    }

    @Test
    void verbosePrintsTheNewRate() {
        Sequential model = TestModels.compiled(0.01);
        TestModels.Captured out = new TestModels.Captured();
        LearningRateScheduler callback = new LearningRateScheduler(epoch -> epoch == 0 ? 0.1 : 1e-5, 1, out.stream);
        callback.setModel(model);
        callback.onEpochBegin(0, new Logs());
        callback.onEpochBegin(1, new Logs());
        assertThat(out.text()).isEqualTo("\nEpoch 00001: LearningRateScheduler setting learning rate to 0.1.\n"
                + "\nEpoch 00002: LearningRateScheduler setting learning rate to 1e-05.\n");
    }

    @Test
    void rejectsAScheduleThatReturnsNoNumber() {
        Sequential model = TestModels.compiled(0.01);
        LearningRateScheduler nan = new LearningRateScheduler(epoch -> Double.NaN);
        nan.setModel(model);
        assertThatThrownBy(() -> nan.onEpochBegin(0, new Logs()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The output of the \"schedule\" function should be float.")
                .hasMessageContaining("NaN");
        LearningRateScheduler none = new LearningRateScheduler((epoch, lr) -> null);
        none.setModel(model);
        assertThatThrownBy(() -> none.onEpochBegin(3, new Logs()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: null for epoch=3");
        assertThat(model.optimizer().learningRate()).isEqualTo(0.01);
    }
}
