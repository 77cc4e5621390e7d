package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgbarTest {

    private final TestModels.Clock clock = new TestModels.Clock();
    private final TestModels.Captured out = new TestModels.Captured();

    private Progbar.Builder bar(OptionalLong target, boolean dynamic) {
        clock.at(0);
        return Progbar.builder(target).out(out.stream).dynamicDisplay(dynamic).nanoTime(clock)
                .statefulMetrics(Set.of("accuracy"));
    }

    // The §10 example: 45 of 60 at 0.09 s, then 60 of 60 at 0.12 s.
    // 45/60: floor(30·45/60) = 22 cells: 21 '=' then '>', 8 '.'; ETA = 0.09/45·15 = 0.03 s -> "0s".
    private static final String LINE_45 = "45/60 [" + "=".repeat(21) + ">" + ".".repeat(8) + "]"
            + " - ETA: 0s - loss: 0.6990 - accuracy: 0.5312";
    // 60/60: full bar; 0.12 s elapsed -> " - 0s"; 0.12/60 = 0.002 s -> "2ms/step";
    // loss is the running mean (0.6990·45 + 0.6750·15)/60 = 41.58/60 = 0.6930; accuracy is stateful.
    private static final String LINE_60 = "60/60 [" + "=".repeat(30) + "]"
            + " - 0s 2ms/step - loss: 0.6930 - accuracy: 0.5125";

    private void runSpecExample(Progbar p) {
        clock.at(0.09);
        p.update(45, List.of(value("loss", 0.6990), value("accuracy", 0.5312)));
        clock.at(0.12);
        p.update(60, List.of(value("loss", 0.6750), value("accuracy", 0.5125)));
    }

    @Test
    void interactiveTerminalRedrawsInPlace() {
        runSpecExample(bar(OptionalLong.of(60), true).build());
        assertThat(out.text()).isEqualTo("\r" + LINE_45 + "\b".repeat(LINE_45.length()) + "\r" + LINE_60 + "\n");
    }

    @Test
    void otherOutputPrintsOnlyTheFinalLine() {
        runSpecExample(bar(OptionalLong.of(60), false).build());
        assertThat(out.text()).isEqualTo(LINE_60 + "\n");
    }

    @Test
    void verboseTwoPrintsOnlyTheFinalValues() {
        runSpecExample(bar(OptionalLong.of(60), true).verbose(2).build());
        assertThat(out.text()).isEqualTo(" - 0s - loss: 0.6930 - accuracy: 0.5125\n");
    }

    @Test
    void verboseZeroPrintsNothing() {
        runSpecExample(bar(OptionalLong.of(60), true).verbose(0).build());
        assertThat(out.text()).isEmpty();
    }

    @Test
    void drawsAtMostOncePerIntervalButCountsEveryUpdate() {
        Progbar p = bar(OptionalLong.of(60), true).build();
        clock.at(0.01);
        p.update(20, List.of(value("loss", 1.0)));
        clock.at(0.03);
        p.update(30, List.of(value("loss", 0.5)));
        clock.at(0.1);
        p.update(60, List.of(value("loss", 0.25)));
        // Second update 0.02 s after the first: not drawn. Mean (1.0·20 + 0.5·10 + 0.25·30)/60 = 32.5/60 = 0.5417.
        // 0.1 s / 60 = 1.667 ms -> "2ms/step".
        String first = "20/60 [" + "=".repeat(9) + ">" + ".".repeat(20) + "] - ETA: 0s - loss: 1.0000";
        assertThat(out.text()).isEqualTo("\r" + first + "\b".repeat(first.length())
                + "\r60/60 [" + "=".repeat(30) + "] - 0s 2ms/step - loss: 0.5417\n");
    }

    @Test
    void padsALineShorterThanThePreviousOne() {
        Progbar p = bar(OptionalLong.of(100), true).build();
        clock.at(10);
        p.update(10, List.of());
        clock.at(91);
        p.update(91, List.of());
        // 10/100 after 10 s: 1 s/step, ETA 90 s -> "1:30"; 91/100 after 91 s: ETA 9 s -> "9s", 2 characters shorter.
        String first = " 10/100 [==>" + ".".repeat(27) + "] - ETA: 1:30";
        String second = " 91/100 [" + "=".repeat(26) + ">" + ".".repeat(3) + "] - ETA: 9s";
        assertThat(out.text()).isEqualTo("\r" + first + "\b".repeat(first.length()) + "\r" + second + "  ");
    }

    @Test
    void formatsLongEtasAsHoursMinutesSeconds() {
        Progbar p = bar(OptionalLong.of(10000), true).build();
        clock.at(10);
        p.update(1, List.of());
        // 10 s per step, 9999 to go: 99990 s = 27 h (97200 s) + 46 min (2760 s) + 30 s.
        assertThat(out.text()).isEqualTo("\r    1/10000 [" + ".".repeat(30) + "] - ETA: 27:46:30");
    }

    @Test
    void formatsTimePerStepInSecondsMillisecondsOrMicroseconds() {
        Progbar seconds = bar(OptionalLong.of(2), false).build();
        clock.at(5);
        seconds.update(2, List.of());
        // 5 s / 2 = 2.5 s/step; Python's '%.0f' rounds the tie to even: "2".
        assertThat(out.text()).isEqualTo("2/2 [" + "=".repeat(30) + "] - 5s 2s/step\n");

        TestModels.Captured micro = new TestModels.Captured();
        clock.at(0);
        Progbar us = Progbar.builder(1000).out(micro.stream).dynamicDisplay(false).nanoTime(clock).build();
        clock.at(0.5);
        us.update(1000, List.of());
        // 0.5 s / 1000 = 5e-4 s/step, below 1 ms: 500 us.
        assertThat(micro.text()).isEqualTo("1000/1000 [" + "=".repeat(30) + "] - 0s 500us/step\n");
    }

    @Test
    void printsSmallValuesInScientificNotation() {
        Progbar p = bar(OptionalLong.of(1), false).statefulMetrics(Set.of("a", "b", "c")).build();
        p.update(1, List.of(value("a", 5e-4), value("b", -0.5), value("c", 0.001)));
        // |v| > 1e-3 -> %.4f, else %.4e; 0.001 itself is not above the threshold.
        assertThat(out.text()).endsWith(" - a: 5.0000e-04 - b: -0.5000 - c: 1.0000e-03\n");
    }

    @Test
    void verboseTwoTestsTheThresholdWithoutAbsoluteValueAsKeras() {
        Progbar p = bar(OptionalLong.of(1), false).statefulMetrics(Set.of("b")).verbose(2).build();
        p.update(1, List.of(value("b", -0.5)));
        assertThat(out.text()).isEqualTo(" - 0s - b: -5.0000e-01\n");
    }

    @Test
    void unknownTargetShowsCountAndTimePerStepAndEndsOnFinalize() {
        Progbar p = bar(OptionalLong.empty(), true).build();
        clock.at(0.074);
        p.update(37, List.of(value("loss", 0.5)));
        // 0.074 s / 37 = 2 ms/step; no ETA without a target, no newline until the final update.
        String first = "     37/Unknown - 0s 2ms/step - loss: 0.5000";
        assertThat(out.text()).isEqualTo("\r" + first);
        clock.at(0.08);
        p.update(40, List.of(value("loss", 0.5)), true);
        String second = "     40/Unknown - 0s 2ms/step - loss: 0.5000";
        assertThat(out.text()).isEqualTo("\r" + first + "\b".repeat(first.length()) + "\r" + second + "\n");
    }

    @Test
    void addAdvancesFromTheLastPosition() {
        Progbar p = bar(OptionalLong.of(4), false).build();
        clock.at(1);
        p.add(2, List.of(value("loss", 1.0)));
        clock.at(2);
        p.add(2, List.of(value("loss", 0.0)));
        // (1.0·2 + 0.0·2)/4 = 0.5; 2 s / 4 = 0.5 s -> 500ms/step.
        assertThat(out.text()).isEqualTo("4/4 [" + "=".repeat(30) + "] - 2s 500ms/step - loss: 0.5000\n");
    }

    @Test
    void rejectsATargetBelowOne() {
        assertThatThrownBy(() -> Progbar.builder(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: target=0");
    }
}
