package io.kerflux.examples.bench;

import io.kerflux.core.models.Sequential;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * {@code ./kerflux bench [--quick] [--peers]}: Kerflux and DL4J on the same workloads in one JVM,
 * with {@code --peers} also PyTorch and Keras 3 in child processes ({@link PythonPeers}). Every row
 * is warmed up once, then measured in {@value #ROUNDS} rounds that rotate which framework goes
 * first; the table shows the medians in samples per second.
 */
public final class Bench {
    static final int ROUNDS = 5;
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private Bench() { }

    /** One table row: the two frameworks' jobs and how many batches one measurement runs. */
    private record Row(String name, Workload kerflux, Workload dl4j, int steps) { }

    /**
     * Runs the benchmark and prints the Markdown report.
     *
     * @param args {@code --quick} for a short run, {@code --peers} for the Python peers
     * @param out where the report goes
     */
    public static void run(String[] args, PrintStream out) {
        // JavaCPP reads /proc/self/statm on every native allocation to enforce maxPhysicalBytes; at
        // per-step array sizes that check costs more than the math (a quarter of W4's step). The
        // tracked-bytes limit (maxBytes) still bounds off-heap memory. Must be set before ND4J loads;
        // both frameworks run under it.
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
        boolean quick = Arrays.asList(args).contains("--quick");
        int scale = quick ? 5 : 1;
        out.println("Preparing data and models...");
        List<Row> rows = rows(scale);
        // The ceiling is measured first, before the peers' processes exist.
        double seconds = quick ? 1 : 3;
        double viaNd4j = GemmPeak.w1StepGflops(128, seconds, false);
        double direct = GemmPeak.w1StepGflops(128, seconds, true);
        try (PythonPeers peers = Arrays.asList(args).contains("--peers") ? PythonPeers.start(scale, out) : PythonPeers.none()) {
            List<String> columns = new ArrayList<>(List.of("Kerflux", "DL4J"));
            columns.addAll(peers.names());
            if (!peers.names().isEmpty()) {
                out.println("Preparing the peers' models (Keras times its API and jit_compile choices)...");
            }
            Workload[][] jobs = new Workload[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                jobs[i] = new Workload[columns.size()];
                jobs[i][0] = r.kerflux;
                jobs[i][1] = r.dl4j;
                for (int p = 0; p < peers.names().size(); p++) {
                    jobs[i][2 + p] = peers.workload(p, r.name).orElse(null);
                }
            }
            double[][][] rates = measureAll(rows, columns, jobs, out);
            report(rows, columns, rates, viaNd4j, direct, out);
            peers.report().forEach(out::println);
            out.println("Command: ./kerflux bench" + (args.length == 0 ? "" : " " + String.join(" ", args)));
        }
    }

    /**
     * Warms every job up once, then measures each in {@value #ROUNDS} rounds, rotating which
     * framework goes first.
     *
     * @return samples per second by row, column and round; NaN where a peer has no such job
     */
    private static double[][][] measureAll(List<Row> rows, List<String> columns, Workload[][] jobs, PrintStream out) {
        double[][][] rates = new double[rows.size()][columns.size()][ROUNDS];
        for (int i = 0; i < rows.size(); i++) {
            int warmUp = Math.max(1, rows.get(i).steps / 4);
            for (Workload w : jobs[i]) {
                if (w != null) {
                    w.run(warmUp);
                }
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                for (int k = 0; k < columns.size(); k++) {
                    int c = (k + round) % columns.size();
                    rates[i][c][round] = jobs[i][c] == null ? Double.NaN : measure(jobs[i][c], r.steps);
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d %-34s", round + 1, r.name));
                for (int c = 0; c < columns.size(); c++) {
                    line.append(c == 0 ? " " : "  ").append(columns.get(c)).append(' ').append(String.format("%10s", rate(rates[i][c][round], "%,.0f")));
                }
                out.println(line.append(" samples/s"));
            }
        }
        return rates;
    }

    private static void report(List<Row> rows, List<String> columns, double[][][] rates, double viaNd4j, double direct,
            PrintStream out) {
        out.println();
        StringBuilder header = new StringBuilder("| workload | Kerflux samples/s | DL4J samples/s | Kerflux / DL4J |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|");
        for (String peer : columns.subList(2, columns.size())) {
            header.append(' ').append(peer).append(" samples/s | Kerflux / ").append(peer.split(" ")[0]).append(" |");
            rule.append("---:|---:|");
        }
        out.println(header);
        out.println(rule);
        for (int i = 0; i < rows.size(); i++) {
            double k = median(rates[i][0]);
            StringBuilder line = new StringBuilder("| " + rows.get(i).name + " | " + rate(k, "%,.0f") + " |");
            for (int c = 1; c < columns.size(); c++) {
                double peer = median(rates[i][c]);
                line.append(' ').append(rate(peer, "%,.0f")).append(" | ").append(rate(k / peer, "%.2fx")).append(" |");
            }
            out.println(line);
        }
        long flops = GemmPeak.trainFlops(GemmPeak.W1_WIDTHS);
        long needed = GemmPeak.trainFlopsNeeded(GemmPeak.W1_WIDTHS);
        out.println();
        out.printf(Locale.ROOT, "W1 training FLOPs per sample: %,d (3 x forward %,d); %,d without the first layer's input gradient%n",
                flops, GemmPeak.forwardFlops(GemmPeak.W1_WIDTHS), needed);
        double best = Math.max(viaNd4j, direct);
        out.printf(Locale.ROOT, "sgemm, W1's 8 training gemms at batch 128: %.1f GFLOP/s through Nd4j.gemm, %.1f GFLOP/s "
                + "straight through cblas_sgemm = ceiling of %,.0f samples/s for W1 training (gemms alone)%n",
                viaNd4j, direct, best * 1e9 / needed);
        out.println();
        out.println("Machine: " + Machine.describe());
        out.println("Medians of " + ROUNDS + " alternating rounds after a warm-up; float32; synthetic data; -D"
                + MAX_PHYSICAL_BYTES + "=" + System.getProperty(MAX_PHYSICAL_BYTES) + ".");
    }

    /** A figure, or "n/a" for a job a peer does not have. */
    private static String rate(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static List<Row> rows(int scale) {
        int w1Steps = 240 / scale;
        Spec w1 = Spec.mlp("W1", 128, 784, 10, w1Steps, 1);
        Spec w1Inference = Spec.mlp("W1 inference", 1024, 784, 10, 8, 2);
        Spec w4 = Spec.mlp("W4", 32, 20, 1, 64, 3);
        int w2Steps = 60 / scale;
        int w3Steps = 60 / scale;
        Spec w2 = Spec.of("W2", 64, new long[] {28, 28, 1}, 10, 16, 4);
        Spec w3 = Spec.of("W3", 64, new long[] {50, 32}, 10, 16, 5);
        Sequential kerfluxW1 = KerfluxWorkloads.w1Model();
        MultiLayerNetwork dl4jW1 = Dl4jWorkloads.w1Model();
        Sequential kerfluxW4 = KerfluxWorkloads.w4Model();
        MultiLayerNetwork dl4jW4 = Dl4jWorkloads.w4Model();

        List<Row> rows = new ArrayList<>();
        rows.add(new Row("W1 MLP train, trainOnBatch, batch 128", KerfluxWorkloads.trainOnBatch(kerfluxW1, w1),
                Dl4jWorkloads.train(dl4jW1, w1), w1Steps));
        rows.add(new Row("W1 MLP train, fit, batch 128", KerfluxWorkloads.fit(kerfluxW1, w1),
                Dl4jWorkloads.train(dl4jW1, w1), w1Steps));
        rows.add(new Row("W1 MLP inference, batch 1024", KerfluxWorkloads.predict(kerfluxW1, w1Inference),
                Dl4jWorkloads.predict(dl4jW1, w1Inference), 120 / scale));
        rows.add(new Row("W2 CNN train, batch 64", KerfluxWorkloads.trainOnBatch(KerfluxWorkloads.w2Model(), w2),
                Dl4jWorkloads.train(Dl4jWorkloads.w2Model(), w2.permuted(0, 3, 1, 2)), w2Steps));
        rows.add(new Row("W3 LSTM(128) train, batch 64", KerfluxWorkloads.trainOnBatch(KerfluxWorkloads.w3Model(), w3),
                Dl4jWorkloads.train(Dl4jWorkloads.w3Model(), w3.permuted(0, 2, 1)), w3Steps));
        rows.add(new Row("W4 MLP 20-32-1 train, SGD, batch 32", KerfluxWorkloads.trainOnBatch(kerfluxW4, w4),
                Dl4jWorkloads.train(dl4jW4, w4), 4000 / scale));
        return rows;
    }

    private static double measure(Workload w, int steps) {
        long start = System.nanoTime();
        long samples = w.run(steps);
        return samples / ((System.nanoTime() - start) / 1e9);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
