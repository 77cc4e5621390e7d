package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgbarLoggerTest {

    private static final List<String> METRICS = List.of("loss", "accuracy", "val_loss", "val_accuracy");
    private static final double[] LOSSES = {0.8, 0.7, 0.6, 0.1};
    private static final double[] ACCURACIES = {0.5, 0.6, 0.7, 0.8};

    private final TestModels.Clock clock = new TestModels.Clock();
    private final TestModels.Captured out = new TestModels.Captured();

    private static TrainingParams params(OptionalLong steps, OptionalLong samples, int verbose) {
        return new TrainingParams(OptionalLong.of(15), 2, steps, samples, verbose, true, METRICS);
    }

    private ProgbarLogger logger(String countMode, TrainingParams params) {
        return logger(countMode, params, true);
    }

    private ProgbarLogger logger(String countMode, TrainingParams params, boolean terminal) {
        ProgbarLogger logger = ProgbarLogger.builder().countMode(countMode).out(out.stream).dynamicDisplay(terminal)
                .nanoTime(clock).build();
        logger.setParams(params);
        return logger;
    }

    /** One epoch of 4 batches of 15 samples, 0.1 s each, then validation. */
    private void runEpoch(ProgbarLogger logger) {
        clock.at(0);
        logger.onTrainBegin(new Logs());
        logger.onEpochBegin(0, new Logs());
        for (int b = 0; b < 4; b++) {
            logger.onTrainBatchBegin(b, logs("batch", b, "size", 15));
            clock.at(0.1 * (b + 1));
            logger.onTrainBatchEnd(b, logs("batch", b, "size", 15, "loss", LOSSES[b], "accuracy", ACCURACIES[b]));
        }
        // BaseLogger's epoch loss: (0.8 + 0.7 + 0.6 + 0.1)·15 / 60 = 0.55.
        logger.onEpochEnd(0, logs("val_loss", 0.9, "val_accuracy", 0.55, "loss", 0.55, "accuracy", 0.8));
    }

    @Test
    void verboseOneDrawsEveryBatchButTheLastThenTheEpochLine() {
        runEpoch(logger("samples", params(OptionalLong.empty(), OptionalLong.of(60), 1)));
        // Running loss means: 0.8; (0.8+0.7)/2 = 0.75; (0.8+0.7+0.6)/3 = 0.7. ETA = elapsed/seen·(60−seen) < 1 s.
        // The last draw counts the last batch (0.1) and the epoch loss (0.55), each for 15 samples:
        // (0.7·45 + 0.1·15 + 0.55·15)/75 = 41.25/75 = 0.55, the epoch loss. val_* are new, shown as given.
        // 0.4 s / 60 samples = 6.67 ms -> "7ms/step".
        String l15 = "15/60 [" + "=".repeat(6) + ">" + ".".repeat(23) + "] - ETA: 0s - loss: 0.8000 - accuracy: 0.5000";
        String l30 = "30/60 [" + "=".repeat(14) + ">" + ".".repeat(15) + "] - ETA: 0s - loss: 0.7500 - accuracy: 0.6000";
        String l45 = "45/60 [" + "=".repeat(21) + ">" + ".".repeat(8) + "] - ETA: 0s - loss: 0.7000 - accuracy: 0.7000";
        String back = "\b".repeat(l15.length());
        assertThat(out.text()).isEqualTo("Epoch 1/2\n"
                + "\r" + l15 + back + "\r" + l30 + back + "\r" + l45 + back
                + "\r" + FINAL_60 + "\n");
    }

    private static final String FINAL_60 = "60/60 [" + "=".repeat(30) + "] - 0s 7ms/step - loss: 0.5500 - accuracy: 0.8000"
            + " - val_loss: 0.9000 - val_accuracy: 0.5500";

    @Test
    void withoutATerminalOnlyTheEpochLineIsPrinted() {
        runEpoch(logger("samples", params(OptionalLong.empty(), OptionalLong.of(60), 1), false));
        assertThat(out.text()).isEqualTo("Epoch 1/2\n" + FINAL_60 + "\n");
    }

    @Test
    void verboseTwoPrintsTheEpochHeaderAndOneLine() {
        runEpoch(logger("samples", params(OptionalLong.empty(), OptionalLong.of(60), 2)));
        assertThat(out.text()).isEqualTo("Epoch 1/2\n"
                + " - 0s - loss: 0.5500 - accuracy: 0.8000 - val_loss: 0.9000 - val_accuracy: 0.5500\n");
    }

    @Test
    void stepsModeCountsBatches() {
        runEpoch(logger("steps", params(OptionalLong.of(4), OptionalLong.empty(), 1)));
        // 1 of 4 steps: floor(30/4) = 7 cells. 0.4 s / 4 steps = 100 ms/step.
        assertThat(out.text())
                .startsWith("Epoch 1/2\n\r1/4 [" + "=".repeat(6) + ">" + ".".repeat(23) + "] - ETA: 0s - loss: 0.8000")
                .endsWith("\r4/4 [" + "=".repeat(30) + "] - 0s 100ms/step - loss: 0.5500 - accuracy: 0.8000"
                        + " - val_loss: 0.9000 - val_accuracy: 0.5500\n");
    }

    @Test
    void unknownTargetMovesOnEveryBatchAndEndsTheLineAtEpochEnd() {
        runEpoch(logger("samples", params(OptionalLong.empty(), OptionalLong.empty(), 1), false));
        assertThat(out.text()).isEqualTo("Epoch 1/2\n     60/Unknown - 0s 7ms/step - loss: 0.5500 - accuracy: 0.8000"
                + " - val_loss: 0.9000 - val_accuracy: 0.5500\n");
    }

    @Test
    void verboseZeroPrintsNothing() {
        runEpoch(logger("samples", params(OptionalLong.empty(), OptionalLong.of(60), 0)));
        assertThat(out.text()).isEmpty();
    }

    @Test
    void rejectsUnknownCountMode() {
        assertThatThrownBy(() -> new ProgbarLogger("batches"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown `count_mode`: batches");
    }
}
