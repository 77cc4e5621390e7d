package io.kerflux.core.training;

import java.util.OptionalInt;

/** Argument checks shared by the option records, with messages that name the Keras argument. */
final class Checks {
    private Checks() { }

    static void positive(String name, OptionalInt value) {
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new IllegalArgumentException("`" + name + "` must be a positive integer. Received: " + name + "="
                    + value.getAsInt());
        }
    }

    static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("`" + name + "` must be >= " + min + ". Received: " + name + "=" + value);
        }
    }

    static void verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("`verbose` must be 0 (silent), 1 (progress bar) or 2 (one line per "
                    + "epoch). Received: verbose=" + verbose);
        }
    }
}
