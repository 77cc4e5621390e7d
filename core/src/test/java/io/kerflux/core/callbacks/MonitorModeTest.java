package io.kerflux.core.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorModeTest {

    private static final String WARNING = "Mode %s is unknown, fallback to auto mode.";

    @Test
    void autoMaximisesNamesContainingAcc() {
        Warnings w = new Warnings(new TestModels.Captured().stream);
        assertThat(MonitorMode.maximize("auto", "val_acc", WARNING, w)).isTrue();
        assertThat(MonitorMode.maximize("auto", "val_accuracy", WARNING, w)).isTrue();
        assertThat(MonitorMode.maximize("auto", "categorical_accuracy", WARNING, w)).isTrue();
        assertThat(MonitorMode.maximize("auto", "val_loss", WARNING, w)).isFalse();
        assertThat(MonitorMode.maximize("auto", "val_mae", WARNING, w)).isFalse();
    }

    @Test
    void explicitModesWin() {
        Warnings w = new Warnings(new TestModels.Captured().stream);
        assertThat(MonitorMode.maximize("min", "val_acc", WARNING, w)).isFalse();
        assertThat(MonitorMode.maximize("max", "val_loss", WARNING, w)).isTrue();
    }

    @Test
    void unknownModeWarnsAndMeansAuto() {
        TestModels.Captured err = new TestModels.Captured();
        Warnings w = new Warnings(err.stream);
        assertThat(MonitorMode.maximize("biggest", "val_acc", WARNING, w)).isTrue();
        assertThat(MonitorMode.maximize("biggest", "loss", WARNING, w)).isFalse();
        assertThat(err.text()).isEqualTo("RuntimeWarning: Mode biggest is unknown, fallback to auto mode.\n");
    }
}
