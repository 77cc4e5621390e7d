package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReduceLROnPlateauTest {

    private final TestModels.Captured out = new TestModels.Captured();
    private final TestModels.Captured err = new TestModels.Captured();

    private ReduceLROnPlateau start(ReduceLROnPlateau.Builder builder, Sequential model) {
        ReduceLROnPlateau callback = builder.out(out.stream).warnings(err.stream).build();
        callback.setModel(model);
        callback.onTrainBegin(new Logs());
        return callback;
    }

    /** Runs the epochs; returns the "lr" each epoch's logs received. */
    private static List<Double> run(ReduceLROnPlateau callback, double... valLosses) {
        List<Double> logged = new ArrayList<>();
        for (int epoch = 0; epoch < valLosses.length; epoch++) {
            Logs logs = logs("val_loss", valLosses[epoch]);
            callback.onEpochEnd(epoch, logs);
            logged.add(logs.require("lr"));
        }
        return logged;
    }

    @Test
    void reducesAfterPatienceWaitsOutCooldownAndStopsAtMinLr() {
        Sequential model = TestModels.compiled(0.1);
        ReduceLROnPlateau callback = start(ReduceLROnPlateau.builder().factor(0.5).patience(1).cooldown(2)
                .minLr(0.02), model);
        List<Double> logged = run(callback, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        // Epoch 0 improves on +inf. Epoch 1: wait 1 -> lr .1·.5, cooldown 2. Epoch 2: cooldown 2 -> 1, skip.
        // Epoch 3: cooldown 1 -> 0, then wait 1 -> lr .05·.5, cooldown 2. Epoch 4 skips. Epoch 5: .025·.5 =
        // .0125, raised to min_lr .02. Epoch 6 skips. Epochs 7, 8: lr is not above min_lr, nothing changes.
        // Logs get the rate in force before this epoch's reduction.
        double lr1 = 0.1 * 0.5;
        double lr2 = lr1 * 0.5;
        double lr3 = Math.max(lr2 * 0.5, 0.02);
        assertThat(logged).containsExactly(0.1, 0.1, lr1, lr1, lr2, lr2, lr3, lr3, lr3);
        assertThat(model.optimizer().learningRate()).isEqualTo(0.02);
    }

    @Test
    void cooldownOfOneDoesNotDelayTheNextReductionAsInKeras() {
        Sequential model = TestModels.compiled(0.1);
        ReduceLROnPlateau callback = start(ReduceLROnPlateau.builder().factor(0.5).patience(1).cooldown(1), model);
        List<Double> logged = run(callback, 1, 1, 1);
        assertThat(logged).containsExactly(0.1, 0.1, 0.1 * 0.5);
        assertThat(model.optimizer().learningRate()).isEqualTo(0.1 * 0.5 * 0.5);
    }

    @Test
    void improvementBeyondMinDeltaResetsTheWait() {
        Sequential model = TestModels.compiled(0.1);
        ReduceLROnPlateau callback = start(ReduceLROnPlateau.builder().factor(0.5).patience(2), model);
        // 0.99 beats 1.0 by more than 1e-4: the wait resets. 0.98995 beats 0.99 by only 5e-5: wait 1,
        // then 0.99 is wait 2 -> reduce.
        run(callback, 1.0, 1.0, 0.99, 0.98995);
        assertThat(model.optimizer().learningRate()).isEqualTo(0.1);
        run(callback, 0.99);
        assertThat(model.optimizer().learningRate()).isEqualTo(0.1 * 0.5);
    }

    @Test
    void autoModeMaximisesAccuracy() {
        Sequential model = TestModels.compiled(0.1);
        ReduceLROnPlateau callback = start(ReduceLROnPlateau.builder().monitor("val_acc").factor(0.5).patience(1),
                model);
        callback.onEpochEnd(0, logs("val_acc", 0.5));
        callback.onEpochEnd(1, logs("val_acc", 0.6));
        assertThat(model.optimizer().learningRate()).isEqualTo(0.1);
        callback.onEpochEnd(2, logs("val_acc", 0.55));
        assertThat(model.optimizer().learningRate()).isEqualTo(0.1 * 0.5);
    }

    @Test
    void verbosePrintsEachReduction() {
        Sequential model = TestModels.compiled(0.001);
        ReduceLROnPlateau callback = start(ReduceLROnPlateau.builder().patience(0).verbose(1), model);
        run(callback, 1, 1, 1, 1, 1);
        // Patience 0: every non-improving epoch reduces: 0.001·0.1 at epoch index 1, ·0.1 again at 2, ….
        assertThat(out.text()).startsWith(
                "\nEpoch 00002: ReduceLROnPlateau reducing learning rate to 0.0001.\n"
                        + "\nEpoch 00003: ReduceLROnPlateau reducing learning rate to 1e-05.\n");
    }

    @Test
    void missingMonitorWarnsButStillLogsTheRate() {
        Sequential model = TestModels.compiled(0.1);
        ReduceLROnPlateau callback = start(ReduceLROnPlateau.builder().patience(0), model);
        Logs logs = logs("loss", 1.0);
        callback.onEpochEnd(0, logs);
        assertThat(logs.require("lr")).isEqualTo(0.1);
        assertThat(err.text()).isEqualTo("RuntimeWarning: Reduce LR on plateau conditioned on metric `val_loss` which "
                + "is not available. Available metrics are: loss,lr\n");
    }

    @Test
    void unknownModeWarnsAtConstruction() {
        ReduceLROnPlateau.builder().mode("lowest").warnings(err.stream).build();
        assertThat(err.text()).isEqualTo(
                "RuntimeWarning: Learning Rate Plateau Reducing mode lowest is unknown, fallback to auto mode.\n");
    }

    @Test
    void rejectsFactorOfOneOrMore() {
        assertThatThrownBy(() -> ReduceLROnPlateau.builder().factor(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ReduceLROnPlateau does not support a factor >= 1.0. Received: factor=1.0");
        assertThatThrownBy(() -> ReduceLROnPlateau.builder().factor(2.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor=2.5");
    }
}
