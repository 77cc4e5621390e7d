package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;

import io.kerflux.core.models.Sequential;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    private final TestModels.Captured out = new TestModels.Captured();
    private final TestModels.Captured err = new TestModels.Captured();
    private final Sequential model = TestModels.uncompiled();

    private EarlyStopping start(EarlyStopping.Builder builder) {
        EarlyStopping callback = builder.out(out.stream).warnings(err.stream).build();
        callback.setModel(model);
        callback.onTrainBegin(new Logs());
        return callback;
    }

    /** Runs epochs with the given monitor values until the callback stops training; returns the epochs run. */
    private int run(EarlyStopping callback, String monitor, double... values) {
        for (int epoch = 0; epoch < values.length; epoch++) {
            callback.onEpochEnd(epoch, logs(monitor, values[epoch]));
            if (model.stopTraining()) {
                return epoch + 1;
            }
        }
        return values.length;
    }

    @Test
    void stopsOncePatienceEpochsFailToImprove() {
        EarlyStopping callback = start(EarlyStopping.builder().patience(1));
        // .5 improves on +inf, .4 on .5, .45 does not: wait 1 >= patience 1 after epoch index 2.
        assertThat(run(callback, "val_loss", 0.5, 0.4, 0.45, 0.3)).isEqualTo(3);
        assertThat(callback.stoppedEpoch()).isEqualTo(2);
    }

    @Test
    void defaultPatienceStopsAtTheFirstEpochWithoutImprovement() {
        EarlyStopping callback = start(EarlyStopping.builder());
        assertThat(run(callback, "val_loss", 0.5, 0.4, 0.4)).isEqualTo(3);
    }

    @Test
    void stopsWhenTheBaselineIsNotBeaten() {
        EarlyStopping callback = start(EarlyStopping.builder().monitor("val_acc").baseline(0.9).patience(1));
        // val_acc is maximised; 0.8 does not beat the baseline 0.9.
        assertThat(run(callback, "val_acc", 0.8, 0.95)).isEqualTo(1);
        assertThat(callback.stoppedEpoch()).isZero();
    }

    @Test
    void autoModeMaximisesAccuracy() {
        EarlyStopping callback = start(EarlyStopping.builder().monitor("val_accuracy"));
        // 0.5 and 0.6 improve when maximising; 0.55 does not.
        assertThat(run(callback, "val_accuracy", 0.5, 0.6, 0.55)).isEqualTo(3);
    }

    @Test
    void explicitModeOverridesTheName() {
        EarlyStopping callback = start(EarlyStopping.builder().monitor("val_accuracy").mode("min"));
        assertThat(run(callback, "val_accuracy", 0.5, 0.6)).isEqualTo(2);
    }

    @Test
    void improvementMustExceedMinDeltaWhateverItsSign() {
        for (double minDelta : new double[] {0.1, -0.1}) {
            Sequential m = TestModels.uncompiled();
            EarlyStopping callback = EarlyStopping.builder().minDelta(minDelta).out(out.stream).build();
            callback.setModel(m);
            callback.onTrainBegin(new Logs());
            callback.onEpochEnd(0, logs("val_loss", 1.0));
            // 0.85 + 0.1 = 0.95 < 1.0: an improvement.
            callback.onEpochEnd(1, logs("val_loss", 0.85));
            assertThat(m.stopTraining()).isFalse();
            // 0.8 + 0.1 = 0.9, not below 0.85: no improvement, patience 0 stops.
            callback.onEpochEnd(2, logs("val_loss", 0.8));
            assertThat(m.stopTraining()).isTrue();
            assertThat(callback.best()).isEqualTo(0.85);
        }
    }

    @Test
    void restoresBestWeightsWhenItStopsTraining() {
        EarlyStopping callback = start(EarlyStopping.builder().patience(1).restoreBestWeights(true).verbose(1));
        model.setWeights(TestModels.filled(model, 1.0));
        callback.onEpochEnd(0, logs("val_loss", 0.5));
        model.setWeights(TestModels.filled(model, 2.0));
        callback.onEpochEnd(1, logs("val_loss", 0.6));
        assertThat(model.stopTraining()).isTrue();
        assertThat(TestModels.allEqual(model, 1.0)).isTrue();
        assertThat(out.text()).isEqualTo("Restoring model weights from the end of the best epoch\n");
    }

    @Test
    void keepsLastWeightsWhenEpochsRunOut() {
        EarlyStopping callback = start(EarlyStopping.builder().patience(5).restoreBestWeights(true));
        model.setWeights(TestModels.filled(model, 1.0));
        callback.onEpochEnd(0, logs("val_loss", 0.5));
        model.setWeights(TestModels.filled(model, 2.0));
        callback.onEpochEnd(1, logs("val_loss", 0.6));
        callback.onTrainEnd(new Logs());
        assertThat(model.stopTraining()).isFalse();
        assertThat(TestModels.allEqual(model, 2.0)).isTrue();
    }

    @Test
    void restoresNothingWhenNoEpochImproved() {
        EarlyStopping callback = start(EarlyStopping.builder().baseline(0.1).restoreBestWeights(true).verbose(1));
        model.setWeights(TestModels.filled(model, 3.0));
        callback.onEpochEnd(0, logs("val_loss", 0.5));
        assertThat(model.stopTraining()).isTrue();
        assertThat(TestModels.allEqual(model, 3.0)).isTrue();
        assertThat(out.text()).isEmpty();
    }

    @Test
    void missingMonitorWarnsOnceAndChangesNothing() {
        EarlyStopping callback = start(EarlyStopping.builder());
        callback.onEpochEnd(0, logs("loss", 1.0, "mae", 2.0));
        callback.onEpochEnd(1, logs("loss", 1.0, "mae", 2.0));
        assertThat(model.stopTraining()).isFalse();
        assertThat(callback.waitCount()).isZero();
        assertThat(err.text()).isEqualTo("RuntimeWarning: Early stopping conditioned on metric `val_loss` which is "
                + "not available. Available metrics are: loss,mae\n");
    }

    @Test
    void unknownModeWarnsAndFallsBackToAuto() {
        EarlyStopping callback = start(EarlyStopping.builder().monitor("val_acc").mode("largest"));
        assertThat(err.text()).isEqualTo("RuntimeWarning: EarlyStopping mode largest is unknown, fallback to auto mode.\n");
        assertThat(run(callback, "val_acc", 0.5, 0.6, 0.55)).isEqualTo(3);
    }

    @Test
    void verbosePrintsTheOneBasedStopEpochAtTrainEnd() {
        EarlyStopping callback = start(EarlyStopping.builder().patience(3).verbose(1));
        run(callback, "val_loss", 0.5, 0.6, 0.7, 0.8);
        assertThat(out.text()).isEmpty();
        callback.onTrainEnd(new Logs());
        assertThat(out.text()).isEqualTo("Epoch 00004: early stopping\n");
    }

    @Test
    void verbosePrintsNothingForAStopAtTheFirstEpochAsKeras() {
        EarlyStopping callback = start(EarlyStopping.builder().baseline(0.1).verbose(1));
        run(callback, "val_loss", 0.5);
        callback.onTrainEnd(new Logs());
        assertThat(model.stopTraining()).isTrue();
        assertThat(out.text()).isEmpty();
    }

    @Test
    void trainBeginResetsForReuse() {
        EarlyStopping callback = start(EarlyStopping.builder().patience(1));
        run(callback, "val_loss", 0.5, 0.6);
        assertThat(callback.stoppedEpoch()).isEqualTo(1);
        model.stopTraining(false);
        callback.onTrainBegin(new Logs());
        assertThat(callback.stoppedEpoch()).isZero();
        assertThat(callback.waitCount()).isZero();
        assertThat(callback.best()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(run(callback, "val_loss", 0.9, 0.8)).isEqualTo(2);
        assertThat(model.stopTraining()).isFalse();
    }
}
