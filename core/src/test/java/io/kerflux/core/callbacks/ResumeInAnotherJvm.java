package io.kerflux.core.callbacks;

import io.kerflux.core.models.Sequential;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The two other JVMs of {@link BackupAndRestoreTest}: {@code interrupt} trains with backups every
 * 3 batches until a simulated crash in epoch 1; {@code resume} builds the model again by code (as
 * a restarted job would), finishes the run from the backup and saves the final weights.
 */
final class ResumeInAnotherJvm {
    static final int INTERRUPTED = 3;
    static final String WEIGHTS = "finished.weights.h5";

    private ResumeInAnotherJvm() { }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        BackupAndRestore backup = BackupAndRestore.builder(dir).saveFreq(3).build();
        if (args[0].equals("interrupt")) {
            try {
                BackupAndRestoreTest.model(3).fit(BackupAndRestoreTest.inputs(), BackupAndRestoreTest.targets(),
                        BackupAndRestoreTest.options(backup, BackupAndRestoreTest.interruptAt(1, 3)).build());
            } catch (BackupAndRestoreTest.Interrupted e) {
                System.exit(INTERRUPTED);
            }
            System.exit(1);
        }
        Sequential m = BackupAndRestoreTest.model(12345);
        m.fit(BackupAndRestoreTest.inputs(), BackupAndRestoreTest.targets(), BackupAndRestoreTest.options(backup).build());
        m.saveWeights(dir.resolve(WEIGHTS));
        System.exit(0);
    }
}
