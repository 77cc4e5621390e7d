package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.logs;
import static io.kerflux.core.callbacks.TestModels.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BaseLoggerTest {

    /** KERAS_SEMANTICS.md §5: batches of 2 and 1 samples, losses 22.5 and 2.25, running mae 4.5 then 3.5. */
    private static Logs runSpecExample(BaseLogger logger, Logs epochLogs) {
        logger.onEpochBegin(0, new Logs());
        logger.onTrainBatchBegin(0, logs("batch", 0, "size", 2));
        logger.onTrainBatchEnd(0, logs("batch", 0, "size", 2, "loss", 22.5, "mae", 4.5));
        logger.onTrainBatchBegin(1, logs("batch", 1, "size", 1));
        logger.onTrainBatchEnd(1, logs("batch", 1, "size", 1, "loss", 2.25, "mae", 3.5));
        logger.onEpochEnd(0, epochLogs);
        return epochLogs;
    }

    @Test
    void averagesLossBySampleCountAndKeepsLastMetricValue() {
        BaseLogger logger = new BaseLogger(Set.of("mae"));
        logger.setParams(params(List.of("loss", "mae"), false));
        Logs epoch = runSpecExample(logger, new Logs());
        // (22.5·2 + 2.25·1) / 3 = 47.25 / 3 = 15.75; mae is the last running value.
        assertThat(epoch.require("loss")).isCloseTo(15.75, within(1e-12));
        assertThat(epoch.require("mae")).isEqualTo(3.5);
        assertThat(epoch.keys()).containsExactly("loss", "mae");
    }

    @Test
    void addsTrainingValuesAfterValidationEntries() {
        BaseLogger logger = new BaseLogger(Set.of("mae"));
        logger.setParams(params(List.of("loss", "mae", "val_loss", "val_mae"), true));
        Logs epoch = runSpecExample(logger, logs("val_loss", 1.5, "val_mae", 1.0));
        assertThat(epoch.keys()).containsExactly("val_loss", "val_mae", "loss", "mae");
        assertThat(epoch.require("val_loss")).isEqualTo(1.5);
    }

    @Test
    void derivesStatefulNamesFromParamsAsFitDoes() {
        BaseLogger logger = new BaseLogger();
        logger.setParams(params(List.of("loss", "mae", "val_loss", "val_mae"), true));
        Logs epoch = runSpecExample(logger, new Logs());
        assertThat(epoch.require("loss")).isCloseTo(15.75, within(1e-12));
        assertThat(epoch.require("mae")).isEqualTo(3.5);
    }

    @Test
    void averagesEveryKeyThatIsNotStateful() {
        BaseLogger logger = new BaseLogger(Set.of());
        logger.setParams(params(List.of("loss", "mae"), false));
        Logs epoch = runSpecExample(logger, new Logs());
        // (4.5·2 + 3.5·1) / 3 = 12.5 / 3
        assertThat(epoch.require("mae")).isCloseTo(12.5 / 3, within(1e-12));
    }

    @Test
    void writesOnlyNamesListedInParams() {
        BaseLogger logger = new BaseLogger(Set.of("mae"));
        logger.setParams(params(List.of("loss"), false));
        Logs epoch = runSpecExample(logger, new Logs());
        assertThat(epoch.keys()).containsExactly("loss");
    }

    @Test
    void startsOverEachEpoch() {
        BaseLogger logger = new BaseLogger(Set.of("mae"));
        logger.setParams(params(List.of("loss", "mae"), false));
        runSpecExample(logger, new Logs());
        logger.onEpochBegin(1, new Logs());
        logger.onTrainBatchEnd(0, logs("batch", 0, "size", 4, "loss", 1.0, "mae", 0.25));
        Logs epoch = new Logs();
        logger.onEpochEnd(1, epoch);
        assertThat(epoch.require("loss")).isEqualTo(1.0);
        assertThat(epoch.require("mae")).isEqualTo(0.25);
    }

    @Test
    void leavesLogsAloneForAnEpochWithoutBatches() {
        BaseLogger logger = new BaseLogger();
        logger.setParams(params(List.of("loss", "mae"), false));
        logger.onEpochBegin(0, new Logs());
        Logs epoch = new Logs();
        logger.onEpochEnd(0, epoch);
        assertThat(epoch.isEmpty()).isTrue();
    }
}
