package io.kerflux.core.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.layers.Dense;
import io.kerflux.core.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        Sequential m = new Sequential(1);
        m.add(Dense.builder(2).inputShape(3).build());
        return m;
    }

    private static Logs logs(String key, double value) {
        return new Logs().put(key, value);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void formatsFilepathLikePython() {
        Logs logs = new Logs().put("val_loss", 0.5678).put("acc", 0.000123456);
        // '{epoch:02d}-{val_loss:.2f}'.format(epoch=10, val_loss=0.5678) == '10-0.57'
        assertThat(ModelCheckpoint.format("weights.{epoch:02d}-{val_loss:.2f}.hdf5", 10, logs))
                .isEqualTo("weights.10-0.57.hdf5");
        // str(0.5678) == '0.5678'; '{:.2e}'.format(0.000123456) == '1.23e-04'; '{epoch}' with 3 -> '3'
        assertThat(ModelCheckpoint.format("{epoch}_{val_loss}_{acc:.2e}_{{x}}", 3, logs))
                .isEqualTo("3_0.5678_1.23e-04_{x}");
        assertThat(ModelCheckpoint.format("{epoch:03d}", 7, logs)).isEqualTo("007");
    }

    @Test
    void unknownFieldNamesTheKey() {
        assertThatThrownBy(() -> ModelCheckpoint.format("{loss:.2f}", 1, new Logs()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'loss'");
    }

    @Test
    void savesEveryPeriodEpochsWithOneBasedEpochInName() throws IOException {
        ModelCheckpoint cb = ModelCheckpoint.builder(dir.resolve("m.{epoch:02d}.h5").toString()).period(2).build();
        cb.setModel(model());
        for (int epoch = 0; epoch < 5; epoch++) {
            cb.onEpochEnd(epoch, logs("val_loss", 1.0));
        }
        assertThat(files()).containsExactly("m.02.h5", "m.04.h5");
    }

    @Test
    void saveBestOnlySavesOnStrictImprovementAndPrintsKerasLines() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Sequential m = model();
        ModelCheckpoint cb = ModelCheckpoint.builder(dir.resolve("best.{epoch}.h5").toString())
                .saveBestOnly(true).saveWeightsOnly(true).verbose(1)
                .out(new PrintStream(buf, true, StandardCharsets.UTF_8)).build();
        cb.setModel(m);
        cb.onEpochEnd(0, logs("val_loss", 0.5));
        cb.onEpochEnd(1, logs("val_loss", 0.5));
        cb.onEpochEnd(2, logs("val_loss", 0.25));
        assertThat(files()).containsExactly("best.1.h5", "best.3.h5");
        assertThat(cb.best()).isEqualTo(0.25);
        String path1 = dir.resolve("best.1.h5").toString();
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\nEpoch 00001: val_loss improved from inf to 0.50000, saving model to " + path1 + "\n"
                + "\nEpoch 00002: val_loss did not improve from 0.50000\n"
                + "\nEpoch 00003: val_loss improved from 0.50000 to 0.25000, saving model to "
                + dir.resolve("best.3.h5") + "\n");
        Sequential other = model();
        other.loadWeights(dir.resolve("best.3.h5"));
        assertThat(other.getWeights().get(0)).isEqualTo(m.getWeights().get(0));
    }

    @Test
    void autoModeMaximizesAccuracyAndFmeasure() throws IOException {
        for (String monitor : List.of("val_acc", "fmeasure_x")) {
            ModelCheckpoint cb = ModelCheckpoint.builder(dir.resolve(monitor + "{epoch}.h5").toString())
                    .monitor(monitor).saveBestOnly(true).build();
            cb.setModel(model());
            cb.onEpochEnd(0, logs(monitor, 0.5));
            cb.onEpochEnd(1, logs(monitor, 0.4));
            cb.onEpochEnd(2, logs(monitor, 0.6));
            assertThat(cb.best()).as(monitor).isEqualTo(0.6);
        }
        assertThat(files()).containsExactly("fmeasure_x1.h5", "fmeasure_x3.h5", "val_acc1.h5", "val_acc3.h5");
    }

    @Test
    void missingMonitorWarnsAndSkips() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ModelCheckpoint cb = ModelCheckpoint.builder(dir.resolve("x.h5").toString()).saveBestOnly(true)
                .warnings(new PrintStream(err, true, StandardCharsets.UTF_8)).build();
        cb.setModel(model());
        cb.onEpochEnd(0, logs("loss", 1));
        assertThat(files()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("RuntimeWarning: Can save best model only with val_loss available, skipping.\n");
    }

    @Test
    void savesTheWholeModelByDefault() throws IOException {
        ModelCheckpoint cb = new ModelCheckpoint(dir.resolve("full.h5").toString());
        Sequential m = model();
        cb.setModel(m);
        cb.onEpochEnd(0, logs("val_loss", 1));
        assertThat(io.kerflux.core.io.Models.loadModel(dir.resolve("full.h5")).getWeights().get(0))
                .isEqualTo(m.getWeights().get(0));
    }
}
