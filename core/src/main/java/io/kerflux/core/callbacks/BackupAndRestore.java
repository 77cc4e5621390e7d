package io.kerflux.core.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerflux.core.io.Models;
import io.kerflux.core.models.RandomState;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.Optimizer;
import io.kerflux.core.training.TrainingState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Backs the run up so that, after an interruption, a new fit (in this JVM or another) continues
 * exactly where the backup was taken.
 *
 * <p>Keras equivalent: {@code keras.callbacks.BackupAndRestore(backup_dir, save_freq="epoch",
 * delete_checkpoint=True)}. At the end of every epoch (or every {@code saveFreq} batches) the
 * callback writes one file, {@code backup_dir/checkpoint.zip}, in one atomic step (a temporary
 * file in the same folder, then a rename, so a crash leaves the previous backup intact). It holds:
 * <ul>
 *   <li>{@code model.h5}: the whole model in Keras 2's HDF5 layout (config, training config,
 *       weights, optimizer state), readable by {@link Models#loadModel} and by Keras;
 *   <li>{@code training_state.json}: the epoch and step to continue from, the training source's
 *       position (the run's shuffling seed and the batches trained from it) and the random state
 *       of the model and of every layer (dropout masks).
 * </ul>
 * When a fit starts with this callback and a backup exists, the model gets the backup's weights,
 * optimizer state, learning rate and random state, and the run skips what the backup had done:
 * it starts at the saved epoch and step, and array and Sequence sources start at the saved batch
 * in the same shuffled order. The result is the run that was interrupted, to float32 rounding.
 * A generator cannot be rewound: it goes on with its next batch (a Kafka source positions itself
 * from its committed offsets). When the run ends normally (all epochs, or stopped by a callback)
 * the backup is deleted unless {@code deleteCheckpoint(false)}; a failed or cancelled run keeps it.
 *
 * <p>{@link #loadModel(Path)} builds a fresh model from the backup alone, ready to resume.
 *
 * <p>Not restored, as in Keras: the running means of a partly trained epoch (a mid-epoch resume
 * reports the means of its own batches), the states of stateful RNNs, other callbacks' counters
 * (EarlyStopping's patience), and the History of the interrupted run.
 */
public final class BackupAndRestore implements Callback {
    /** The backup's file name in the backup folder. */
    public static final String FILE_NAME = "checkpoint.zip";
    static final String MODEL_ENTRY = "model.h5";
    static final String STATE_ENTRY = "training_state.json";
    private static final String FORMAT = "kerflux-backup";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path backupDir;
    private final int saveFreq;
    private final boolean deleteCheckpoint;
    private @Nullable Sequential model;
    private @Nullable TrainingState state;
    private long batchesSinceSave;

    /**
     * Backs up at the end of every epoch and deletes the backup when the run completes.
     *
     * @param backupDir the folder of the backup, created if missing
     */
    public BackupAndRestore(Path backupDir) {
        this(builder(backupDir));
    }

    private BackupAndRestore(Builder b) {
        this.backupDir = b.backupDir;
        this.saveFreq = b.saveFreq;
        this.deleteCheckpoint = b.deleteCheckpoint;
    }

    /**
     * Starts a builder for Keras' optional arguments.
     *
     * @param backupDir the folder of the backup
     * @return the builder
     * @throws IllegalArgumentException if {@code backupDir} is empty
     */
    public static Builder builder(Path backupDir) {
        return new Builder(backupDir);
    }

    /** @return the backup file: {@code backupDir/checkpoint.zip} */
    public Path checkpointPath() {
        return backupDir.resolve(FILE_NAME);
    }

    @Override
    public void setModel(Sequential value) {
        model = value;
    }

    @Override
    public void setTrainingState(TrainingState value) {
        state = value;
    }

    /**
     * Restores the backup when one exists.
     *
     * @param logs empty
     * @throws IllegalStateException if the callback is not used in fit
     * @throws IllegalArgumentException if the backup does not fit the model (named file and
     *     reason); the model is unchanged then
     * @throws UncheckedIOException if the backup cannot be read
     */
    @Override
    public void onTrainBegin(Logs logs) {
        Sequential m = requireModel();
        TrainingState s = requireState();
        batchesSinceSave = 0;
        Path file = checkpointPath();
        if (!Files.exists(file)) {
            return;
        }
        try {
            Backup backup = read(file);
            restoreInto(m, backup, file);
            s.resumeFrom(backup.position());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the backup " + file, e);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Logs logs) {
        if (saveFreq > 0 && ++batchesSinceSave >= saveFreq) {
            batchesSinceSave = 0;
            save(requireState().position(false));
        }
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        if (saveFreq == 0) {
            save(requireState().position(true));
        }
    }

    @Override
    public void onTrainEnd(Logs logs) {
        if (deleteCheckpoint && state != null && state.completed()) {
            try {
                Files.deleteIfExists(checkpointPath());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the backup " + checkpointPath(), e);
            }
        }
    }

    /**
     * A model built from a backup alone: its config, weights, optimizer state and random state, so
     * that {@code fit} with a {@code BackupAndRestore} on the same folder continues the run.
     *
     * @param checkpoint a file written by this callback
     * @return the compiled model
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is not a backup (named file and reason)
     */
    public static Sequential loadModel(Path checkpoint) throws IOException {
        Backup backup = read(checkpoint);
        Sequential m = backup.model();
        restoreRandom(m, backup, checkpoint);
        return m;
    }

    // ------------------------------------------------------------------ writing

    private void save(TrainingState.Position position) {
        Sequential m = requireModel();
        try {
            Files.createDirectories(backupDir);
            Path modelFile = Files.createTempFile(backupDir, ".model-", ".h5");
            Path zip = Files.createTempFile(backupDir, ".checkpoint-", ".zip");
            try {
                Models.save(m, modelFile);
                try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                        ZipOutputStream out = new ZipOutputStream(Channels.newOutputStream(channel))) {
                    out.putNextEntry(new ZipEntry(STATE_ENTRY));
                    out.write(stateJson(m, position).getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                    out.putNextEntry(new ZipEntry(MODEL_ENTRY));
                    Files.copy(modelFile, out);
                    out.closeEntry();
                    out.finish();
                    // The rename must not publish a file whose bytes are still in the page cache only.
                    channel.force(true);
                }
                Files.move(zip, checkpointPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(modelFile);
                Files.deleteIfExists(zip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the backup " + checkpointPath(), e);
        }
    }

    private static String stateJson(Sequential m, TrainingState.Position position) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("epoch", position.epoch());
        root.put("step", position.step());
        ObjectNode train = root.putObject("sources").putObject("train");
        train.put("seed", position.source().seed());
        train.put("batches", position.source().batches());
        RandomState random = m.randomState();
        ObjectNode r = root.putObject("random");
        r.put("model", random.model());
        ObjectNode layers = r.putObject("layers");
        random.layers().forEach((name, values) -> {
            ArrayNode array = layers.putArray(name);
            Arrays.stream(values).forEach(array::add);
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the training state as JSON", e);
        }
    }

    // ------------------------------------------------------------------ reading

    /** What a backup file holds. */
    private record Backup(Sequential model, TrainingState.Position position, RandomState random) { }

    private static Backup read(Path file) throws IOException {
        Path modelFile = Files.createTempFile("kerflux-backup-", ".h5");
        try {
            byte[] stateBytes;
            try (ZipFile zip = new ZipFile(file.toFile())) {
                try (InputStream in = zip.getInputStream(entry(zip, file, STATE_ENTRY))) {
                    stateBytes = in.readAllBytes();
                }
                try (InputStream in = zip.getInputStream(entry(zip, file, MODEL_ENTRY))) {
                    Files.copy(in, modelFile, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (ZipException e) {
                throw new IllegalArgumentException("The backup " + file + " is not a zip archive (truncated or foreign "
                        + "file): " + e.getMessage(), e);
            }
            JsonNode root = parse(file, stateBytes);
            TrainingState.Position position = position(file, root);
            RandomState random = random(file, root);
            Sequential saved;
            try {
                saved = Models.loadModel(modelFile);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The backup " + file + " holds an unreadable " + MODEL_ENTRY + ": "
                        + e.getMessage(), e);
            }
            return new Backup(saved, position, random);
        } finally {
            Files.deleteIfExists(modelFile);
        }
    }

    private static ZipEntry entry(ZipFile zip, Path file, String name) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IllegalArgumentException("The backup " + file + " has no " + name + ": it was not written by "
                    + "BackupAndRestore.");
        }
        return e;
    }

    private static JsonNode parse(Path file, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("The backup " + file + " has a malformed " + STATE_ENTRY + ": "
                    + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("The backup " + file + " has an unsupported " + STATE_ENTRY
                    + ": expected format \"" + FORMAT + "\" version " + VERSION + ", received format "
                    + root.path("format") + " version " + root.path("version") + ".");
        }
        return root;
    }

    private static TrainingState.Position position(Path file, JsonNode root) {
        JsonNode train = root.path("sources").path("train");
        int epoch = required(file, root, "epoch").asInt();
        int step = required(file, root, "step").asInt();
        long seed = required(file, train, "seed").asLong();
        long batches = required(file, train, "batches").asLong();
        try {
            return new TrainingState.Position(epoch, step, new TrainingState.SourcePosition(seed, batches));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The backup " + file + " has an invalid position in " + STATE_ENTRY
                    + ": " + e.getMessage(), e);
        }
    }

    private static RandomState random(Path file, JsonNode root) {
        JsonNode random = root.path("random");
        Map<String, long[]> layers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : required(file, random, "layers").properties()) {
            long[] values = new long[f.getValue().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = f.getValue().get(i).asLong();
            }
            layers.put(f.getKey(), values);
        }
        return new RandomState(required(file, random, "model").asText(), layers);
    }

    private static JsonNode required(Path file, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("The backup " + file + " lacks \"" + field + "\" in " + STATE_ENTRY
                    + ".");
        }
        return v;
    }

    // ------------------------------------------------------------------ restoring

    /** Checks everything first, then assigns: a backup that does not fit changes nothing. */
    private static void restoreInto(Sequential m, Backup backup, Path file) {
        List<INDArray> weights = backup.model().getWeights();
        List<INDArray> current = m.getWeights();
        List<List<Long>> savedShapes = weights.stream().map(BackupAndRestore::shape).toList();
        List<List<Long>> modelShapes = current.stream().map(BackupAndRestore::shape).toList();
        if (!savedShapes.equals(modelShapes)) {
            throw new IllegalArgumentException("The backup " + file + " does not fit the model: its weights have the "
                    + "shapes " + savedShapes + ", the model's " + modelShapes + ".");
        }
        Optimizer target = m.optimizer();
        Optimizer saved = backup.model().optimizer();
        if (!target.className().equals(saved.className())) {
            throw new IllegalArgumentException("The backup " + file + " holds the state of optimizer "
                    + saved.className() + ", but the model is compiled with " + target.className() + ".");
        }
        restoreRandom(m, backup, file);
        m.setWeights(weights);
        target.setWeights(saved.getWeights());
        target.learningRate(saved.learningRate());
    }

    private static void restoreRandom(Sequential m, Backup backup, Path file) {
        try {
            m.restoreRandomState(backup.random());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The backup " + file + " does not fit the model: " + e.getMessage(), e);
        }
    }

    private static List<Long> shape(INDArray a) {
        return Arrays.stream(a.shape()).boxed().toList();
    }

    private Sequential requireModel() {
        if (model == null) {
            throw new IllegalStateException("BackupAndRestore has no model: it runs as a callback of fit.");
        }
        return model;
    }

    private TrainingState requireState() {
        if (state == null) {
            throw new IllegalStateException("BackupAndRestore needs the state of a fit: it runs as a callback of fit "
                    + "only.");
        }
        return state;
    }

    /** Builder for Keras' optional arguments; every method is named like the Keras argument. */
    public static final class Builder {
        private final Path backupDir;
        private int saveFreq;
        private boolean deleteCheckpoint = true;

        private Builder(Path backupDir) {
            Objects.requireNonNull(backupDir, "backupDir");
            if (backupDir.toString().isEmpty()) {
                throw new IllegalArgumentException("Empty `backup_dir` argument passed");
            }
            this.backupDir = backupDir;
        }

        /**
         * @param value "epoch": back up at the end of every epoch (the default)
         * @return this builder
         * @throws IllegalArgumentException for any other text
         */
        public Builder saveFreq(String value) {
            if (!"epoch".equals(value)) {
                throw new IllegalArgumentException("Invalid value for argument `save_freq`. Received: save_freq="
                        + value + ". Expected either 'epoch' or an integer value.");
            }
            saveFreq = 0;
            return this;
        }

        /**
         * @param batches back up after every {@code batches} training batches (counted across epochs)
         * @return this builder
         * @throws IllegalArgumentException if {@code batches < 1}
         */
        public Builder saveFreq(int batches) {
            if (batches < 1) {
                throw new IllegalArgumentException("Invalid value for argument `save_freq`. Received: save_freq="
                        + batches + ". Expected either 'epoch' or a positive integer value.");
            }
            saveFreq = batches;
            return this;
        }

        /**
         * @param value whether to delete the backup when the run completes (default true)
         * @return this builder
         */
        public Builder deleteCheckpoint(boolean value) {
            deleteCheckpoint = value;
            return this;
        }

        /** @return the callback */
        public BackupAndRestore build() {
            return new BackupAndRestore(this);
        }
    }
}
