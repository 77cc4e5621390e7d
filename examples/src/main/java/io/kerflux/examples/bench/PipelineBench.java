package io.kerflux.examples.bench;

import io.kerflux.core.callbacks.Callback;
import io.kerflux.core.callbacks.Logs;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.training.FitOptions;
import io.kerflux.streams.Batch;
import io.kerflux.streams.Sequence;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

/**
 * {@code ./kerflux pipeline [--quick] [--load-ms X]}: {@code fit} on a {@link Sequence} whose
 * {@code get} costs a fixed time (simulated I/O), with 1, 2, 4 and 8 loader threads and {@code
 * maxQueueSize} {@value #MAX_QUEUE_SIZE}, against the ideal {@code max(compute, load / workers)}
 * of a perfect pipeline.
 *
 * <p>The model is W1 (784-512-512-10 MLP, Adam, batch 128). By default a load costs twice the
 * compute of a batch measured at warm-up, so one worker is load-bound, two sit at the boundary
 * and four or more are compute-bound. The load sleeps, so loader threads do not compete with the
 * compute for the cores.
 *
 * <p>On a shared machine the compute time of a batch varies by 2x from one second to the next,
 * so the ideal of each fit is computed from that same fit: its compute is the time its training
 * steps took (between the batch-begin and batch-end hooks), its load is measured alone. The
 * compute of a {@code trainOnBatch} loop and of a fit with instant loads are measured in the same
 * rounds as references. Every configuration runs in each of {@value Bench#ROUNDS} rounds, in
 * alternating order; the table shows medians.
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

    /**
     * One timed run, per epoch.
     *
     * @param wall seconds from calling fit (or the loop) to its return
     * @param compute seconds inside the training steps
     */
    private record Timing(double wall, double compute) { }

    /** Sums the time of the training steps, on the training thread. */
    private static final class StepTimer implements Callback {
        private long begin;
        private long total;

        @Override
        public void onTrainBatchBegin(int batch, Logs logs) {
            begin = System.nanoTime();
        }

        @Override
        public void onTrainBatchEnd(int batch, Logs logs) {
            total += System.nanoTime() - begin;
        }
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
        trainOnBatch(model, spec, steps, 1);
        long loadNanos = loadNanos(arguments, medianStep(model, spec, steps));
        SlowSequence slow = new SlowSequence(spec, steps, loadNanos);
        fit(model, free, 1, 1);
        fit(model, slow, 4, 1);

        // Rows: the trainOnBatch loop, fit with instant loads, the loads alone, then fit per worker count.
        int rows = 3 + WORKERS.length;
        Timing[][] timings = new Timing[rows][Bench.ROUNDS];
        for (int round = 0; round < Bench.ROUNDS; round++) {
            for (int k = 0; k < rows; k++) {
                int row = round % 2 == 0 ? k : rows - 1 - k;
                Timing t = switch (row) {
                    case 0 -> trainOnBatch(model, spec, steps, epochs);
                    case 1 -> fit(model, free, 1, epochs);
                    case 2 -> loadAlone(slow, epochs);
                    default -> fit(model, slow, WORKERS[row - 3], epochs);
                };
                timings[row][round] = t;
                out.printf(Locale.ROOT, "round %d %-26s %7.3f s/epoch, steps %7.3f s/epoch%n", round + 1,
                        rowName(row), t.wall, t.compute);
            }
        }
        report(args, out, timings, steps, epochs, loadNanos);
    }

    private static String rowName(int row) {
        return switch (row) {
            case 0 -> "trainOnBatch loop";
            case 1 -> "fit, instant loads";
            case 2 -> "loads alone, 1 thread";
            default -> "fit, " + WORKERS[row - 3] + " worker" + (WORKERS[row - 3] == 1 ? "" : "s");
        };
    }

    private static void report(String[] args, PrintStream out, Timing[][] timings, int steps, int epochs,
            long loadNanos) {
        double load = median(timings[2], Timing::wall);
        out.println();
        out.printf(Locale.ROOT, "W1 MLP 784-512-512-10, Adam, %d batches of %d per epoch; each get() sleeps %.1f ms "
                + "(%.2f ms measured per call). Seconds per epoch, medians:%n", steps, BATCH, loadNanos / 1e6,
                load / steps * 1e3);
        out.printf(Locale.ROOT, "compute alone: trainOnBatch loop %.3f s, fit with instant loads %.3f s "
                + "(its steps: %.3f s); load alone %.3f s%n", median(timings[0], Timing::wall),
                median(timings[1], Timing::wall), median(timings[1], Timing::compute), load);
        out.println();
        out.println("| workers | maxQueueSize | fit | compute (its steps) | load / workers "
                + "| ideal = max(compute, load / workers) | fit / ideal |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int k = 0; k < WORKERS.length; k++) {
            int w = WORKERS[k];
            Timing[] row = timings[3 + k];
            double[] ratios = new double[row.length];
            for (int r = 0; r < row.length; r++) {
                ratios[r] = row[r].wall / Math.max(row[r].compute, load / w);
            }
            double compute = median(row, Timing::compute);
            out.printf(Locale.ROOT, "| %d | %d | %.3f s | %.3f s | %.3f s | %.3f s | %.2f |%n", w, MAX_QUEUE_SIZE,
                    median(row, Timing::wall), compute, load / w, Math.max(compute, load / w), median(ratios));
        }
        out.println();
        out.println("fit / ideal is the median of each round's ratio (each fit against its own steps' time).");
        out.println("Machine: " + Machine.describe());
        out.println("Medians of " + Bench.ROUNDS + " alternating rounds of " + epochs + " epoch" + (epochs == 1 ? "" : "s")
                + " each, after a warm-up; float32; synthetic data; -D" + Bench.MAX_PHYSICAL_BYTES + "="
                + System.getProperty(Bench.MAX_PHYSICAL_BYTES) + ".");
        out.println("Command: ./kerflux pipeline" + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    /** The load cost: {@code --load-ms X}, or twice the compute of a batch. */
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

    /** The median time of one trainOnBatch step, in seconds: robust to the spikes of a shared machine. */
    private static double medianStep(Sequential model, Spec spec, int steps) {
        double[] times = new double[steps];
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            model.trainOnBatch(spec.xBatch(i), spec.yBatch(i));
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        return median(times);
    }

    private static Timing trainOnBatch(Sequential model, Spec spec, int steps, int epochs) {
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < steps; i++) {
                model.trainOnBatch(spec.xBatch(i), spec.yBatch(i));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9 / epochs;
        return new Timing(seconds, seconds);
    }

    private static Timing fit(Sequential model, Sequence sequence, int workers, int epochs) {
        StepTimer timer = new StepTimer();
        long start = System.nanoTime();
        model.fit(sequence, FitOptions.builder().epochs(epochs).workers(workers).maxQueueSize(MAX_QUEUE_SIZE)
                .verbose(0).callbacks(timer).build());
        return new Timing((System.nanoTime() - start) / 1e9 / epochs, timer.total / 1e9 / epochs);
    }

    private static Timing loadAlone(Sequence sequence, int epochs) {
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < sequence.size(); i++) {
                sequence.get(i);
            }
        }
        return new Timing((System.nanoTime() - start) / 1e9 / epochs, 0);
    }

    /**
     * Sleeps {@code nanos} without using a core, as I/O would; parkNanos may return early, so it
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

    private static double median(Timing[] timings, ToDoubleFunction<Timing> field) {
        return median(Arrays.stream(timings).mapToDouble(field).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
