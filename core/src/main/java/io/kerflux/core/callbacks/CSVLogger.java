package io.kerflux.core.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Streams the epoch logs to a CSV file, one row per epoch.
 *
 * <p>Keras equivalent: {@code keras.callbacks.CSVLogger(filename, separator=',', append=False)}
 * of Keras 2.3 (KERAS_SEMANTICS.md §7.3), with the text Python's {@code csv} module writes:
 *
 * <pre>
 * epoch,accuracy,loss,val_accuracy,val_loss
 * 0,0.5125,0.6931471805599453,0.55,0.692
 * </pre>
 *
 * <ul>
 *   <li>The file is opened at train begin: truncated, or with {@code append} opened for appending
 *       and, if it already has content, without a new header. It is closed at train end.
 *   <li>The columns are "epoch" (0-based) then the log keys of the first epoch, sorted; they stay
 *       fixed for the life of this object, and keys that appear later are not written.
 *   <li>Numbers are written as Python's {@code str(float)}: the shortest text that reads back as
 *       the same double, {@code 0.5}, {@code 3.0}, {@code 1e-05}, {@code 1.5e+16}, {@code nan},
 *       {@code inf}.
 *   <li>Rows end with {@code \r\n}, the line end of Python's default (excel) CSV dialect; fields
 *       holding the separator, a quote or a line break are quoted; each row is flushed.
 *   <li>A key of the first epoch that is missing in a later epoch is written {@code NA}. Keras 2.3
 *       writes NA only when training is being stopped and otherwise fails with a KeyError.
 * </ul>
 */
public final class CSVLogger implements Callback {
    private static final String LINE_END = "\r\n";
    private final Path filename;
    private final char separator;
    private final boolean append;
    private boolean appendHeader = true;
    private @Nullable List<String> keys;
    private @Nullable Writer file;
    private boolean headerDone;

    /**
     * A logger that overwrites the file, comma-separated.
     *
     * @param filename the CSV file
     */
    public CSVLogger(Path filename) {
        this(filename, ",", false);
    }

    /**
     * A logger ({@code CSVLogger(filename, separator, append)}).
     *
     * @param filename the CSV file
     * @param separator the field separator, one character (Keras default ",")
     * @param append true to append to an existing file (useful to continue training), false to
     *     overwrite it
     * @throws IllegalArgumentException if the separator is not one character
     */
    public CSVLogger(Path filename, String separator, boolean append) {
        this.filename = Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(separator, "separator");
        if (separator.length() != 1 || separator.charAt(0) == '"' || separator.charAt(0) == '\r'
                || separator.charAt(0) == '\n') {
            throw new IllegalArgumentException("separator must be a 1-character string other than a quote or a line "
                    + "break. Received: separator=\"" + separator + "\"");
        }
        this.separator = separator.charAt(0);
        this.append = append;
    }

    /**
     * Opens the file.
     *
     * @throws UncheckedIOException if the file cannot be read or opened
     */
    @Override
    public void onTrainBegin(Logs logs) {
        try {
            StandardOpenOption mode = StandardOpenOption.TRUNCATE_EXISTING;
            if (append) {
                if (Files.exists(filename)) {
                    appendHeader = Files.size(filename) == 0;
                }
                mode = StandardOpenOption.APPEND;
            }
            file = Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, mode);
            headerDone = false;
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger could not open " + filename, e);
        }
    }

    /**
     * Writes the epoch's row (and the header before the first row of a run, unless appending to
     * a file with content).
     *
     * @throws IllegalStateException if the file is not open ({@link #onTrainBegin} not called)
     * @throws UncheckedIOException if writing fails
     */
    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        Writer out = file;
        if (out == null) {
            throw new IllegalStateException("CSVLogger is not open: onTrainBegin must be called before onEpochEnd.");
        }
        if (keys == null) {
            List<String> sorted = new ArrayList<>(logs.keys());
            sorted.sort(null);
            keys = List.copyOf(sorted);
        }
        try {
            if (!headerDone) {
                if (appendHeader) {
                    List<String> header = new ArrayList<>();
                    header.add("epoch");
                    header.addAll(keys);
                    writeRow(out, header);
                }
                headerDone = true;
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(epoch));
            for (String k : keys) {
                OptionalDouble v = logs.get(k);
                row.add(v.isPresent() ? PyFormat.repr(v.getAsDouble()) : "NA");
            }
            writeRow(out, row);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger could not write to " + filename, e);
        }
    }

    /**
     * Closes the file.
     *
     * @throws UncheckedIOException if closing fails
     */
    @Override
    public void onTrainEnd(Logs logs) {
        Writer out = file;
        file = null;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("CSVLogger could not close " + filename, e);
            }
        }
    }

    private void writeRow(Writer out, List<String> fields) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(separator);
            }
            line.append(quoted(fields.get(i)));
        }
        out.write(line.append(LINE_END).toString());
    }

    /** Python's QUOTE_MINIMAL: quote a field only if it holds the separator, a quote or a line break. */
    private String quoted(String field) {
        if (field.indexOf(separator) < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0
                && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
