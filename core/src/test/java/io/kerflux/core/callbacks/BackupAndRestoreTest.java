package io.kerflux.core.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerflux.core.io.Models;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Dropout;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.training.FitOptions;
import io.kerflux.streams.Batch;
import io.kerflux.streams.Sequence;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The exact-resume contract: a run interrupted and restored from its backup ends with the weights
 * of the run that was never interrupted. The reference is that uninterrupted run of the same
 * model, data and seed; float32 arithmetic in the same order gives the same bits, and the
 * tolerance allows only float32 rounding.
 */
class BackupAndRestoreTest {
    private static final int SAMPLES = 40;
    private static final int BATCH = 8;
    private static final int EPOCHS = 3;
    private static final double FLOAT32_ROUNDING = 1e-6;

    @TempDir
    Path dir;

    /** Dropout and recurrent dropout draw masks every step, so their generators must resume too. */
    static Sequential model(long seed) {
        Sequential m = new Sequential(seed);
        m.add(LSTM.builder(6).dropout(0.2).recurrentDropout(0.3).inputShape(4, 3).build());
        m.add(new Dense(8, "relu"));
        m.add(new Dropout(0.4));
        m.add(new Dense(3, "softmax"));
        m.compile("adam", "categorical_crossentropy", List.of("accuracy"));
        return m;
    }

    static INDArray inputs() {
        SplittableRandom r = new SplittableRandom(11);
        INDArray x = Nd4j.create(DataType.FLOAT, SAMPLES, 4, 3);
        for (int i = 0; i < SAMPLES; i++) {
            for (int t = 0; t < 4; t++) {
                for (int f = 0; f < 3; f++) {
                    x.putScalar(new long[] {i, t, f}, r.nextDouble(-1, 1));
                }
            }
        }
        return x;
    }

    static INDArray targets() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, SAMPLES, 3);
        for (int i = 0; i < SAMPLES; i++) {
            y.putScalar(i, (i * 7) % 3, 1);
        }
        return y;
    }

    static FitOptions.Builder options(Callback... callbacks) {
        return FitOptions.builder().batchSize(BATCH).epochs(EPOCHS).verbose(0).validationSplit(0.2)
                .callbacks(callbacks);
    }

    /** Throws at the start of one training batch, as a crash or preemption would end the run there. */
    static Callback interruptAt(int epoch, int batch) {
        return new Callback() {
            private int currentEpoch;

            @Override
            public void onEpochBegin(int e, Logs logs) {
                currentEpoch = e;
            }

            @Override
            public void onTrainBatchBegin(int b, Logs logs) {
                if (currentEpoch == epoch && b == batch) {
                    throw new Interrupted();
                }
            }
        };
    }

    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("simulated interruption");
        }
    }

    private static List<INDArray> uninterrupted() {
        Sequential m = model(3);
        m.fit(inputs(), targets(), options().build());
        return m.getWeights();
    }

    private static void assertSameWeights(List<INDArray> actual, List<INDArray> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            double diff = actual.get(i).castTo(DataType.DOUBLE).sub(expected.get(i).castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertThat(diff).as("weight %d", i).isLessThanOrEqualTo(FLOAT32_ROUNDING);
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFreshModelBuiltFromTheEpochBackupAloneFinishesTheRunExactly() throws IOException {
        List<INDArray> expected = uninterrupted();

        Sequential first = model(3);
        assertThatThrownBy(() -> first.fit(inputs(), targets(),
                options(new BackupAndRestore(dir), interruptAt(1, 2)).build()))
                .isInstanceOf(Interrupted.class);
        assertThat(files()).containsExactly(BackupAndRestore.FILE_NAME);

        Sequential resumed = BackupAndRestore.loadModel(dir.resolve(BackupAndRestore.FILE_NAME));
        History h = resumed.fit(inputs(), targets(), options(new BackupAndRestore(dir)).build());

        // Epoch 0 was backed up; the half-done epoch 1 is trained again from its start.
        assertThat(h.epoch()).containsExactly(1, 2);
        assertSameWeights(resumed.getWeights(), expected);
        assertThat(resumed.optimizer().iterations()).isEqualTo((long) EPOCHS * 4);
        assertThat(files()).as("a completed run deletes its backup").isEmpty();
    }

    @Test
    void aModelRebuiltByCodeResumesInTheMiddleOfAnEpochFromABatchBackup() {
        List<INDArray> expected = uninterrupted();

        Sequential first = model(3);
        BackupAndRestore everyThree = BackupAndRestore.builder(dir).saveFreq(3).build();
        assertThatThrownBy(() -> first.fit(inputs(), targets(), options(everyThree, interruptAt(2, 1)).build()))
                .isInstanceOf(Interrupted.class);

        // 4 batches an epoch: backups after batches 3, 6, 9 of the run; the last is epoch 2, step 1.
        Sequential rebuilt = model(99);
        List<Integer> batches = new ArrayList<>();
        LambdaCallback record = LambdaCallback.builder()
                .onBatchBegin((b, logs) -> batches.add(b)).build();
        History h = rebuilt.fit(inputs(), targets(),
                options(BackupAndRestore.builder(dir).saveFreq(3).build(), record).build());

        assertThat(h.epoch()).containsExactly(2);
        assertThat(batches).containsExactly(1, 2, 3);
        assertSameWeights(rebuilt.getWeights(), expected);
    }

    /** A shuffled Sequence read by two workers: the resumed run reads the rest of the same orders. */
    @Test
    void aShuffledSequenceResumesWithTheSameOrders() {
        INDArray x = inputs();
        INDArray y = targets();
        Sequence sequence = new Sequence() {
            @Override
            public int size() {
                return SAMPLES / BATCH;
            }

            @Override
            public Batch get(int index) {
                long from = (long) index * BATCH;
                return Batch.of(x.get(NDArrayIndex.interval(from, from + BATCH)).dup(),
                        y.get(NDArrayIndex.interval(from, from + BATCH)).dup());
            }
        };
        Sequential reference = model(5);
        reference.fit(sequence, sequenceOptions().build());

        Sequential first = model(5);
        assertThatThrownBy(() -> first.fit(sequence, sequenceOptions()
                .callbacks(BackupAndRestore.builder(dir).saveFreq(2).build(), interruptAt(1, 4)).build()))
                .isInstanceOf(Interrupted.class);
        // 5 batches an epoch, backups every 2: the last after batch 8 of the run, epoch 1 step 3.
        Sequential rebuilt = model(5);
        rebuilt.fit(sequence, sequenceOptions().callbacks(BackupAndRestore.builder(dir).saveFreq(2).build()).build());

        assertSameWeights(rebuilt.getWeights(), reference.getWeights());
    }

    private static FitOptions.Builder sequenceOptions() {
        return FitOptions.builder().epochs(EPOCHS).verbose(0).workers(2).shuffle(true);
    }

    /**
     * Train, stop, restore and finish in two other JVMs, which share nothing with this one but the
     * backup folder.
     */
    @Test
    void aRunResumedInAnotherJvmEndsWithTheUninterruptedWeights() throws Exception {
        List<INDArray> expected = uninterrupted();

        assertThat(runJvm("interrupt")).as("first JVM exit code").isEqualTo(ResumeInAnotherJvm.INTERRUPTED);
        assertThat(files()).containsExactly(BackupAndRestore.FILE_NAME);
        assertThat(runJvm("resume")).as("second JVM exit code").isZero();

        Sequential finished = model(0);
        Models.loadWeights(finished, dir.resolve(ResumeInAnotherJvm.WEIGHTS));
        assertSameWeights(finished.getWeights(), expected);
    }

    private int runJvm(String mode) throws IOException, InterruptedException {
        Path log = dir.resolve(mode + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ResumeInAnotherJvm.class.getName(), mode, dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the " + mode + " JVM did not finish in 120 s: " + Files.readString(log));
        }
        int code = p.exitValue();
        Files.delete(log);
        return code;
    }

    @Test
    void backupHoldsALoadableModelAndTheTrainingStateAndNoTemporaryFileIsLeft() throws IOException {
        Sequential m = model(3);
        m.fit(inputs(), targets(), options(BackupAndRestore.builder(dir).deleteCheckpoint(false).build()).build());

        assertThat(files()).containsExactly(BackupAndRestore.FILE_NAME);
        try (ZipFile zip = new ZipFile(dir.resolve(BackupAndRestore.FILE_NAME).toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactlyInAnyOrder("model.h5",
                    "training_state.json");
            String state = new String(zip.getInputStream(zip.getEntry("training_state.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            // After the last epoch: continue at epoch 3 (= epochs, nothing left), 3 epochs x 4 batches read.
            assertThat(state).contains("\"epoch\" : 3", "\"step\" : 0", "\"batches\" : 12",
                    "\"dropout_1\" : [", "\"lstm_1\" : [");
            Path model = dir.resolve("model.h5");
            try (OutputStream out = Files.newOutputStream(model)) {
                zip.getInputStream(zip.getEntry("model.h5")).transferTo(out);
            }
            assertSameWeights(Models.loadModel(model).getWeights(), m.getWeights());
        }
    }

    @Test
    void aBackupOfACompletedRunLeavesNothingToTrain() {
        Sequential m = model(3);
        m.fit(inputs(), targets(), options(BackupAndRestore.builder(dir).deleteCheckpoint(false).build()).build());
        List<INDArray> after = m.getWeights();

        Sequential again = model(3);
        History h = again.fit(inputs(), targets(),
                options(BackupAndRestore.builder(dir).deleteCheckpoint(false).build()).build());

        assertThat(h.epoch()).isEmpty();
        assertSameWeights(again.getWeights(), after);
    }

    @Test
    void aBackupThatDoesNotFitTheModelIsRejectedAndChangesNothing() {
        model(3).fit(inputs(), targets(), options(BackupAndRestore.builder(dir).deleteCheckpoint(false).build()).build());
        Sequential wider = new Sequential(3);
        wider.add(LSTM.builder(7).inputShape(4, 3).build());
        wider.add(new Dense(3, "softmax"));
        wider.compile("adam", "categorical_crossentropy", List.of());
        List<INDArray> before = wider.getWeights();

        assertThatThrownBy(() -> wider.fit(inputs(), targets(), options(new BackupAndRestore(dir)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BackupAndRestore.FILE_NAME)
                .hasMessageContaining("does not fit the model");
        assertSameWeights(wider.getWeights(), before);
    }

    @Test
    void truncatedAndForeignFilesAreRejectedWithTheFileAndTheReason() throws IOException {
        model(3).fit(inputs(), targets(), options(BackupAndRestore.builder(dir).deleteCheckpoint(false).build()).build());
        Path backup = dir.resolve(BackupAndRestore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(backup);

        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> BackupAndRestore.loadModel(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated.zip")
                .hasMessageContaining("not a zip archive");

        Path foreign = dir.resolve("foreign.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(foreign))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThatThrownBy(() -> BackupAndRestore.loadModel(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("foreign.zip")
                .hasMessageContaining("has no training_state.json");

        Path wrongState = dir.resolve("wrong-state.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(wrongState));
                ZipFile zip = new ZipFile(backup.toFile())) {
            out.putNextEntry(new ZipEntry("training_state.json"));
            out.write("{\"format\": \"kerflux-backup\", \"version\": 1, \"epoch\": -2, \"step\": 0}"
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("model.h5"));
            zip.getInputStream(zip.getEntry("model.h5")).transferTo(out);
            out.closeEntry();
        }
        assertThatThrownBy(() -> BackupAndRestore.loadModel(wrongState))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrong-state.zip")
                .hasMessageContaining("lacks \"seed\"");
    }

    @Test
    void argumentsAreCheckedWithKerasMessages() {
        assertThatThrownBy(() -> BackupAndRestore.builder(dir).saveFreq("batch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("save_freq=batch");
        assertThatThrownBy(() -> BackupAndRestore.builder(dir).saveFreq(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("save_freq=0");
        assertThatThrownBy(() -> BackupAndRestore.builder(Path.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backup_dir");
    }
}
