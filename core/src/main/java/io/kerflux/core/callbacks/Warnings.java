package io.kerflux.core.callbacks;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Prints a callback's warnings the way Python's {@code warnings.warn(message, RuntimeWarning)}
 * shows them by default: each distinct message once, so a monitor that is missing in every epoch
 * warns once rather than every epoch.
 */
final class Warnings {
    private final PrintStream out;
    private final Set<String> shown = new HashSet<>();

    Warnings(PrintStream out) {
        this.out = Objects.requireNonNull(out, "warnings");
    }

    void warn(String message) {
        if (shown.add(message)) {
            out.print("RuntimeWarning: " + message + "\n");
            out.flush();
        }
    }
}
