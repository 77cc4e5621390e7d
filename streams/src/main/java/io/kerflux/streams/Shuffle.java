package io.kerflux.streams;

import java.util.Objects;

/**
 * How in-memory arrays are ordered in each pass: Keras' {@code shuffle} argument of {@code fit},
 * which is {@code True}, {@code False} or {@code "batch"}.
 */
public enum Shuffle {
    /** A fresh random permutation of the samples every pass ({@code shuffle=True}). */
    TRUE,
    /** The samples in their order every pass ({@code shuffle=False}). */
    FALSE,
    /**
     * Full blocks of {@code batchSize} consecutive samples in a fresh random order every pass, the
     * partial tail block last ({@code shuffle="batch"}, meant for HDF5-like data read in chunks).
     */
    BATCH;

    /**
     * The mode for Keras' boolean {@code shuffle}.
     *
     * @param shuffle the Keras value
     * @return {@link #TRUE} or {@link #FALSE}
     */
    public static Shuffle of(boolean shuffle) {
        return shuffle ? TRUE : FALSE;
    }

    /**
     * The mode for Keras' string {@code shuffle}, whose only valid value is {@code "batch"}.
     *
     * @param shuffle {@code "batch"}
     * @return {@link #BATCH}
     * @throws IllegalArgumentException for any other string
     */
    public static Shuffle of(String shuffle) {
        Objects.requireNonNull(shuffle, "shuffle");
        if (!shuffle.equals("batch")) {
            throw new IllegalArgumentException(
                    "`shuffle` must be true, false or \"batch\". Received: shuffle=\"" + shuffle + "\"");
        }
        return BATCH;
    }
}
