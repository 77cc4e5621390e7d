package io.kerflux.examples.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Python peers of {@code ./kerflux bench --peers}: PyTorch and Keras 3 on TensorFlow, one child
 * process per framework running {@code examples/peers/bench_peers.py}, each exposed as a {@link
 * Workload} per benchmark row.
 *
 * <p>The children live in a virtual environment, {@code examples/target/peers-venv}, created from
 * {@code examples/peers/requirements.txt} the first time it is needed. Without python3, or when pip
 * cannot install the pinned wheels, the caller is told so and gets no peers. Paths are relative to
 * the project folder, where the launcher runs. {@link #close()} ends the children; they also exit
 * by themselves when their input closes, so a JVM that dies takes them along.
 */
public final class PythonPeers implements AutoCloseable {
    private static final Path PEERS = Path.of("examples", "peers");
    private static final Path TARGET = Path.of("examples", "target");
    private static final Path VENV = TARGET.resolve("peers-venv");
    private static final List<String> FRAMEWORKS = List.of("torch", "keras");
    private static final int TRIAL_ROUNDS = 5;
    private static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    private final List<Peer> peers;
    private final List<String> report = new ArrayList<>();

    private PythonPeers(List<Peer> peers) {
        this.peers = peers;
    }

    /** @return no peers: the benchmark without {@code --peers} */
    static PythonPeers none() {
        return new PythonPeers(List.of());
    }

    /**
     * Starts one child per framework in its faster OpenMP wait policy: each framework is started
     * with {@code OMP_WAIT_POLICY} unset and with PASSIVE (the launcher exports PASSIVE for ND4J,
     * which the pip PyTorch wheel does not want on a quiet machine), both time the same short job
     * in alternation, and the slower child is stopped.
     *
     * @param scale 5 for {@code --quick} (fewer distinct W1 batches, as in {@link Bench})
     * @param out where progress and problems are reported
     * @return the peers that started; none when Python or the wheels are missing
     */
    static PythonPeers start(int scale, PrintStream out) {
        Optional<Path> python = python(out);
        List<Peer> started = new ArrayList<>();
        PythonPeers peers = new PythonPeers(started);
        if (python.isEmpty()) {
            return peers;
        }
        try {
            for (String framework : FRAMEWORKS) {
                out.println("Starting the " + framework + " peer and choosing its threading...");
                List<Peer> candidates = new ArrayList<>();
                for (boolean passive : new boolean[] {false, true}) {
                    try {
                        candidates.add(Peer.start(python.get(), framework, passive, scale));
                    } catch (IOException e) {
                        out.println("Python peer " + framework + " did not start: " + e.getMessage());
                    }
                }
                try {
                    if (!candidates.isEmpty()) {
                        Peer kept = fastest(candidates, peers.report);
                        candidates.remove(kept);
                        started.add(kept);
                    }
                } catch (IOException | UncheckedIOException e) {
                    out.println("Python peer " + framework + " failed, running without it: " + e.getMessage());
                } finally {
                    candidates.forEach(Peer::close);
                }
            }
        } catch (RuntimeException e) {
            peers.close();
            throw e;
        }
        return peers;
    }

    /**
     * Times the trial job in each candidate, alternating, and returns the one with the lowest median
     * time. The median, not the best: a policy that is fastest only while the machine is idle (the
     * default spinning threads of the pip wheel) loses 10x the moment another process wants a core.
     */
    private static Peer fastest(List<Peer> candidates, List<String> report) throws IOException {
        double[][] times = new double[candidates.size()][TRIAL_ROUNDS];
        for (Peer p : candidates) {
            p.request("trial"); // warm-up: builds the models, traces graphs
        }
        for (int round = 0; round < TRIAL_ROUNDS; round++) {
            for (int k = 0; k < candidates.size(); k++) {
                int c = (k + round) % candidates.size();
                times[c][round] = Double.parseDouble(candidates.get(c).request("trial"));
            }
        }
        double[] median = new double[candidates.size()];
        int kept = 0;
        for (int c = 0; c < median.length; c++) {
            median[c] = Bench.median(times[c]);
            if (median[c] < median[kept]) {
                kept = c;
            }
        }
        Peer winner = candidates.get(kept);
        StringBuilder trial = new StringBuilder();
        for (int c = 0; c < median.length; c++) {
            trial.append(c == 0 ? "" : ", ").append(candidates.get(c).policy()).append(String.format(Locale.ROOT, " %.2f s", median[c]));
        }
        report.add(winner.name + ": " + winner.settings + "; kept by a trial (W1 20 steps + W4 300 steps, median of "
                + TRIAL_ROUNDS + "): " + trial);
        return winner;
    }

    /** @return the column name of each peer, e.g. {@code PyTorch 2.13.0+cpu} */
    List<String> names() {
        return peers.stream().map(p -> p.name).toList();
    }

    /**
     * Prepares a benchmark row in one peer: builds its model and data, and for Keras picks the
     * faster API and jit_compile setting.
     *
     * @param peer the index in {@link #names()}
     * @param rowName the row's label in {@link Bench}; its first word is the workload (W1…W4),
     *     "inference" and ", fit," tell W1's rows apart
     * @return the peer's job, or empty where the peer has no such workload or failed to build it
     */
    Optional<Workload> workload(int peer, String rowName) {
        Peer p = peers.get(peer);
        String key = rowName.split(" ", 2)[0]
                + (rowName.contains("inference") ? "-inference" : rowName.contains(", fit,") ? "-fit" : "");
        try {
            String note = p.request("prepare " + key);
            report.add("  " + p.name + ", " + key + ": " + note);
            return Optional.of(steps -> {
                try {
                    return Long.parseLong(p.request("run " + key + " " + steps).split(" ")[0]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (Unavailable e) {
            report.add("  " + p.name + ", " + key + ": n/a (" + e.getMessage() + ")");
            return Optional.empty();
        } catch (IOException e) {
            report.add("  " + p.name + ", " + key + ": failed (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** @return the peers' settings and each row's choices, one line each, for the report */
    List<String> report() {
        return List.copyOf(report);
    }

    /** Stops every child: closes its input (it exits at end of input), then kills it if it lingers. */
    @Override
    public void close() {
        peers.forEach(Peer::close);
    }

    /**
     * Finds the peers' Python, creating the virtual environment and installing {@code
     * examples/peers/requirements.txt} into it if it is missing or was made from other requirements.
     *
     * @param out where progress and problems are reported
     * @return the virtual environment's python, or empty (with the reason printed)
     */
    public static Optional<Path> python(PrintStream out) {
        Path requirements = PEERS.resolve("requirements.txt");
        Path python = VENV.resolve("bin").resolve("python");
        Path stamp = VENV.resolve("kerflux-requirements.txt");
        Path log = TARGET.resolve("peers-pip.log");
        try {
            if (!Files.isRegularFile(requirements)) {
                out.println("Python peers: no " + requirements + " here (run from the project folder); running without them");
                return Optional.empty();
            }
            String wanted = Files.readString(requirements);
            if (Files.isExecutable(python) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(wanted)) {
                return Optional.of(python);
            }
            out.println("Python peers: installing " + requirements + " into " + VENV + " (log: " + log + ")...");
            Files.createDirectories(TARGET);
            Files.deleteIfExists(log);
            // One retry: on a machine with only a local wheel index, pip's default five retries of the
            // unreachable public index cost minutes.
            if (!succeeds(log, "python3", "-m", "venv", VENV.toString())
                    || !succeeds(log, python.toString(), "-m", "pip", "install", "--retries", "1", "-r", requirements.toString())) {
                out.println("Python peers: could not create the environment (see " + log + "); running without them");
                return Optional.empty();
            }
            Files.writeString(stamp, wanted);
            return Optional.of(python);
        } catch (IOException e) {
            out.println("Python peers: " + e.getMessage() + " (is python3 installed?); running without them");
            return Optional.empty();
        }
    }

    private static boolean succeeds(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            return process.waitFor() == 0;
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A peer's answer that it has no such workload. */
    private static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason);
        }
    }

    /** One child process and its line protocol (see bench_peers.py). */
    private static final class Peer implements AutoCloseable {
        private final Process process;
        private final BufferedReader replies;
        private final BufferedWriter requests;
        private final Path log;
        private final boolean passive;
        private String name = "";
        private String settings = "";

        private Peer(Process process, Path log, boolean passive) {
            this.process = process;
            this.log = log;
            this.passive = passive;
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        static Peer start(Path python, String framework, boolean passive, int scale) throws IOException {
            Path log = TARGET.resolve("peers-" + framework + (passive ? "-passive" : "") + ".log");
            ProcessBuilder builder = new ProcessBuilder(python.toString(), PEERS.resolve("bench_peers.py").toString(),
                    framework, "--scale", Integer.toString(scale)).redirectError(log.toFile());
            if (passive) {
                builder.environment().put(WAIT_POLICY, "PASSIVE");
            } else {
                builder.environment().remove(WAIT_POLICY);
            }
            Peer peer = new Peer(builder.start(), log, passive);
            String hello = peer.replies.readLine();
            if (hello == null || !hello.startsWith("hello ") || !hello.contains("\t")) {
                peer.close();
                throw new IOException("no greeting from " + framework + " (log: " + log + ")");
            }
            peer.name = hello.substring("hello ".length(), hello.indexOf('\t'));
            peer.settings = hello.substring(hello.indexOf('\t') + 1);
            return peer;
        }

        String policy() {
            return WAIT_POLICY + (passive ? "=PASSIVE" : " unset");
        }

        /** Sends one request and returns the text after {@code ok}. */
        String request(String line) throws IOException {
            String reply;
            try {
                requests.write(line);
                requests.newLine();
                requests.flush();
                reply = replies.readLine();
            } catch (IOException e) {
                reply = null;
            }
            if (reply == null) {
                throw new IOException(name + " stopped" + exit() + " (log: " + log + ")");
            }
            if (reply.startsWith("ok")) {
                return reply.substring(2).trim();
            }
            if (reply.startsWith("na ")) {
                throw new Unavailable(reply.substring(3));
            }
            throw new IOException(name + ": " + reply + " (log: " + log + ")");
        }

        private String exit() {
            try {
                return process.waitFor(2, TimeUnit.SECONDS) ? " with exit code " + process.exitValue() : "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        @Override
        public void close() {
            try {
                requests.close();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
