package io.kerflux.examples.bench;

import io.kerflux.core.models.Sequential;
import io.kerflux.core.training.FitOptions;
import io.kerflux.streams.Batch;
import io.kerflux.streams.Sequence;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./kerflux pipeline [--quick] [--load-ms X]}: {@code fit} on a {@link Sequence} whose
 * {@code get} costs a fixed time (simulated I/O), with 1, 2, 4 and 8 loader threads and {@code
 * maxQueueSize} {@value #MAX_QUEUE_SIZE}, against the ideal {@code max(compute, load / workers)}
 * of a perfect pipeline.
 *
 * <p>The model is W1 (784-512-512-10 MLP, Adam, batch 128). By default a load costs twice the
 * compute of a batch measured at warm-up, so one worker is load-bound, two sit at the boundary
 * and four or more are compute-bound. The load sleeps, so loader threads do not compete with the
 * compute for the cores. Every configuration, and the two compute references, are measured in
 * each of {@value Bench#ROUNDS} rounds, in alternating order; the table shows the medians.
 */
public final class PipelineBench {
    static final int MAX_QUEUE_SIZE = 10;
    private static final int[] WORKERS = {1, 2, 4, 8};
    private static final int BATCH = 128;
    private static final int DISTINCT_BATCHES = 16;

    private PipelineBench() { }

    /**
     * A Sequence over prebuilt batches whose {@code get} first waits {@code loadNanos}.
     *
     * @param spec the batches, cycled
     * @param size batches per epoch
     * @param loadNanos the simulated I/O time of one {@code get}
     */
    record SlowSequence(Spec spec, int size, long loadNanos) implements Sequence {
        @Override
        public Batch get(int index) {
            waitFor(loadNanos);
            return Batch.of(spec.xBatch(index), spec.yBatch(index));
        }
    }

    /** One timed configuration: seconds per epoch for one measurement. */
    private record Config(String name, Measurement measurement) { }

    /** Runs a configuration for some epochs and returns the wall time per epoch in seconds. */
    @FunctionalInterface
    private interface Measurement {
        double secondsPerEpoch(int epochs);
    }

    /**
     * Runs the benchmark and prints the Markdown report.
     *
     * @param args {@code --quick} for a short run; {@code --load-ms X} for a fixed load cost per batch
     * @param out where the report goes
     */
    public static void run(String[] args, PrintStream out) {
        // See Bench: the per-allocation /proc/self/statm read would blur the compute time.
        if (System.getProperty(Bench.MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(Bench.MAX_PHYSICAL_BYTES, "0");
        }
        List<String> arguments = Arrays.asList(args);
        boolean quick = arguments.contains("--quick");
        int steps = quick ? 40 : 80;
        int epochs = quick ? 1 : 3;

        out.println("Preparing data and model...");
        Spec spec = Spec.mlp("W1", BATCH, 784, 10, DISTINCT_BATCHES, 1);
        Sequential model = KerfluxWorkloads.w1Model();
        SlowSequence free = new SlowSequence(spec, steps, 0);
        double warmCompute = trainOnBatch(model, spec, steps, 2) / steps;
        fit(model, free, 1, 1);
        long loadNanos = loadNanos(arguments, warmCompute);
        SlowSequence slow = new SlowSequence(spec, steps, loadNanos);
        fit(model, slow, 4, 1);

        List<Config> configs = new ArrayList<>();
        configs.add(new Config("compute: trainOnBatch loop", e -> trainOnBatch(model, spec, steps, e)));
        configs.add(new Config("compute: fit, zero load, 1 worker", e -> fit(model, free, 1, e)));
        configs.add(new Config("load alone: get() x steps, 1 thread", e -> loadAlone(slow, e)));
        for (int w : WORKERS) {
            configs.add(new Config("fit, " + w + " worker" + (w == 1 ? "" : "s"), e -> fit(model, slow, w, e)));
        }
        double[][] seconds = new double[configs.size()][Bench.ROUNDS];
        for (int round = 0; round < Bench.ROUNDS; round++) {
            for (int k = 0; k < configs.size(); k++) {
                int i = round % 2 == 0 ? k : configs.size() - 1 - k;
                seconds[i][round] = configs.get(i).measurement.secondsPerEpoch(epochs);
                out.printf(Locale.ROOT, "round %d %-38s %7.3f s/epoch%n", round + 1, configs.get(i).name,
                        seconds[i][round]);
            }
        }
        report(args, out, seconds, steps, epochs, loadNanos);
    }

    private static void report(String[] args, PrintStream out, double[][] seconds, int steps,
            int epochs, long loadNanos) {
        double compute = median(seconds[0]);
        double fitCompute = median(seconds[1]);
        double load = median(seconds[2]);
        out.println();
        out.printf(Locale.ROOT, "Per epoch (%d batches of %d, W1 MLP 784-512-512-10, Adam): compute %.3f s "
                + "(trainOnBatch loop; fit with zero load: %.3f s), load %.3f s (get() sleeps %.1f ms, "
                + "measured %.2f ms per call)%n", steps, BATCH, compute, fitCompute, load, loadNanos / 1e6,
                load / steps * 1e3);
        out.println();
        out.println("| workers | maxQueueSize | fit s/epoch | ideal s/epoch = max(compute, load/workers) | bound by "
                + "| fit / ideal |");
        out.println("|---:|---:|---:|---:|---|---:|");
        for (int k = 0; k < WORKERS.length; k++) {
            int w = WORKERS[k];
            double fit = median(seconds[3 + k]);
            double ideal = Math.max(compute, load / w);
            out.printf(Locale.ROOT, "| %d | %d | %.3f | %.3f | %s | %.2f |%n", w, MAX_QUEUE_SIZE, fit, ideal,
                    compute >= load / w ? "compute" : "load", fit / ideal);
        }
        out.println();
        out.println("Machine: " + Machine.describe());
        out.println("Medians of " + Bench.ROUNDS + " alternating rounds of " + epochs + " epoch" + (epochs == 1 ? "" : "s")
                + " each, after a warm-up; float32; synthetic data; -D" + Bench.MAX_PHYSICAL_BYTES + "="
                + System.getProperty(Bench.MAX_PHYSICAL_BYTES) + ".");
        out.println("Command: ./kerflux pipeline" + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    /** The load cost: {@code --load-ms X}, or twice the warm-up compute of a batch. */
    private static long loadNanos(List<String> arguments, double computePerBatch) {
        int at = arguments.indexOf("--load-ms");
        if (at >= 0) {
            if (at + 1 >= arguments.size()) {
                throw new IllegalArgumentException("--load-ms needs a value in milliseconds, e.g. --load-ms 15");
            }
            return Math.round(Double.parseDouble(arguments.get(at + 1)) * 1e6);
        }
        // Rounded to 0.1 ms so that the printed value is the one used.
        return Math.round(2 * computePerBatch * 1e4) * 100_000L;
    }

    private static double trainOnBatch(Sequential model, Spec spec, int steps, int epochs) {
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < steps; i++) {
                model.trainOnBatch(spec.xBatch(i), spec.yBatch(i));
            }
        }
        return (System.nanoTime() - start) / 1e9 / epochs;
    }

    private static double fit(Sequential model, Sequence sequence, int workers, int epochs) {
        long start = System.nanoTime();
        model.fit(sequence, FitOptions.builder().epochs(epochs).workers(workers).maxQueueSize(MAX_QUEUE_SIZE)
                .verbose(0).build());
        return (System.nanoTime() - start) / 1e9 / epochs;
    }

    private static double loadAlone(Sequence sequence, int epochs) {
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < sequence.size(); i++) {
                sequence.get(i);
            }
        }
        return (System.nanoTime() - start) / 1e9 / epochs;
    }

    /**
     * Sleeps {@code nanos} without burning CPU, as I/O would; parkNanos may return early, so it
     * parks again until the deadline.
     */
    static void waitFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while simulating a load");
            }
            LockSupport.parkNanos(left);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
