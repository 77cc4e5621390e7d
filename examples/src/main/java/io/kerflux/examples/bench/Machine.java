package io.kerflux.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/** What the figures were measured on, for the table's header. */
final class Machine {
    private Machine() { }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException | UncheckedIOException e) {
            return "unknown CPU (" + e.getMessage() + ")";
        }
    }

    static String describe() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + "OMP_WAIT_POLICY=" + env("OMP_WAIT_POLICY") + ", OMP_NUM_THREADS=" + env("OMP_NUM_THREADS");
    }

    private static String env(String name) {
        return Objects.requireNonNullElse(System.getenv(name), "(unset)");
    }
}
