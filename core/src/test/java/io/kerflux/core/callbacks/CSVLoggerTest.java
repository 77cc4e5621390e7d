package io.kerflux.core.callbacks;

import static io.kerflux.core.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVLoggerTest {

    @TempDir
    Path dir;

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void writesSortedHeaderAndOneFlushedRowPerEpoch() throws IOException {
        Path file = dir.resolve("log.csv");
        CSVLogger logger = new CSVLogger(file);
        logger.onTrainBegin(new Logs());
        logger.onEpochEnd(0, logs("val_loss", 0.5, "val_accuracy", 0.75, "loss", 0.25, "accuracy", 1.0));
        assertThat(read(file)).isEqualTo("epoch,accuracy,loss,val_accuracy,val_loss\r\n0,1.0,0.25,0.75,0.5\r\n");
        logger.onEpochEnd(1, logs("val_loss", 0.1 + 0.2, "val_accuracy", 0.8, "loss", 1e-5, "accuracy", 3));
        logger.onTrainEnd(new Logs());
        assertThat(read(file)).isEqualTo("epoch,accuracy,loss,val_accuracy,val_loss\r\n"
                + "0,1.0,0.25,0.75,0.5\r\n"
                + "1,3.0,1e-05,0.8,0.30000000000000004\r\n");
    }

    @Test
    void overwritesAnExistingFileByDefault() throws IOException {
        Path file = dir.resolve("log.csv");
        Files.writeString(file, "old content that is longer than the new one\r\n");
        CSVLogger logger = new CSVLogger(file);
        logger.onTrainBegin(new Logs());
        logger.onEpochEnd(0, logs("loss", 0.5));
        logger.onTrainEnd(new Logs());
        assertThat(read(file)).isEqualTo("epoch,loss\r\n0,0.5\r\n");
    }

    @Test
    void appendsWithoutHeaderToAFileWithContent() throws IOException {
        Path file = dir.resolve("log.csv");
        Files.writeString(file, "epoch,loss\r\n0,0.5\r\n");
        CSVLogger logger = new CSVLogger(file, ",", true);
        logger.onTrainBegin(new Logs());
        logger.onEpochEnd(1, logs("loss", 0.25));
        logger.onTrainEnd(new Logs());
        assertThat(read(file)).isEqualTo("epoch,loss\r\n0,0.5\r\n1,0.25\r\n");
    }

    @Test
    void appendWritesTheHeaderToAnEmptyOrNewFile() throws IOException {
        Path empty = dir.resolve("empty.csv");
        Files.createFile(empty);
        Path absent = dir.resolve("absent.csv");
        for (Path file : new Path[] {empty, absent}) {
            CSVLogger logger = new CSVLogger(file, ",", true);
            logger.onTrainBegin(new Logs());
            logger.onEpochEnd(0, logs("loss", 0.5));
            logger.onTrainEnd(new Logs());
            assertThat(read(file)).isEqualTo("epoch,loss\r\n0,0.5\r\n");
        }
    }

    @Test
    void writesNaForKeysMissingInALaterEpochAndIgnoresNewKeys() throws IOException {
        Path file = dir.resolve("log.csv");
        CSVLogger logger = new CSVLogger(file);
        logger.onTrainBegin(new Logs());
        logger.onEpochEnd(0, logs("loss", 0.5, "val_loss", 0.75));
        // A cut-short last epoch is not validated.
        logger.onEpochEnd(1, logs("loss", Double.NaN, "lr", 0.1));
        logger.onTrainEnd(new Logs());
        assertThat(read(file)).isEqualTo("epoch,loss,val_loss\r\n0,0.5,0.75\r\n1,nan,NA\r\n");
    }

    @Test
    void usesTheSeparatorAndQuotesFieldsThatContainIt() throws IOException {
        Path file = dir.resolve("log.csv");
        CSVLogger logger = new CSVLogger(file, ";", false);
        logger.onTrainBegin(new Logs());
        logger.onEpochEnd(0, logs("loss", 0.5, "odd;name", 2));
        logger.onTrainEnd(new Logs());
        assertThat(read(file)).isEqualTo("epoch;loss;\"odd;name\"\r\n0;0.5;2.0\r\n");
    }

    @Test
    void aSecondRunOfTheSameLoggerKeepsItsColumns() throws IOException {
        Path file = dir.resolve("log.csv");
        CSVLogger logger = new CSVLogger(file);
        logger.onTrainBegin(new Logs());
        logger.onEpochEnd(0, logs("loss", 0.5));
        logger.onTrainEnd(new Logs());
        logger.onTrainBegin(new Logs());
        logger.onEpochEnd(0, logs("loss", 0.25, "accuracy", 1));
        logger.onTrainEnd(new Logs());
        assertThat(read(file)).isEqualTo("epoch,loss\r\n0,0.25\r\n");
    }

    @Test
    void rejectsASeparatorThatIsNotOneCharacter() {
        assertThatThrownBy(() -> new CSVLogger(dir.resolve("x.csv"), ", ", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: separator=\", \"");
    }

    @Test
    void needsTrainBeginBeforeEpochEnd() {
        CSVLogger logger = new CSVLogger(dir.resolve("x.csv"));
        assertThatThrownBy(() -> logger.onEpochEnd(0, logs("loss", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("onTrainBegin");
    }
}
