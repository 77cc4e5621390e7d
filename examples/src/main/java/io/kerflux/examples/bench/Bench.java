package io.kerflux.examples.bench;

import io.kerflux.core.models.Sequential;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * {@code ./kerflux bench [--quick]}: Kerflux and DL4J on the same workloads in one JVM. Every row is
 * warmed up once, then measured in {@value #ROUNDS} rounds that alternate which framework goes
 * first; the table shows the medians in samples per second.
 */
public final class Bench {
    static final int ROUNDS = 3;
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private Bench() { }

    /** One table row: the two frameworks' jobs and how many batches one measurement runs. */
    private record Row(String name, Workload kerflux, Workload dl4j, int steps) { }

    /**
     * Runs the benchmark and prints the Markdown report.
     *
     * @param args {@code --quick} for a short run
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

        double[][] kerflux = new double[rows.size()][ROUNDS];
        double[][] dl4j = new double[rows.size()][ROUNDS];
        for (Row r : rows) {
            int warmUp = Math.max(1, r.steps / 4);
            r.kerflux.run(warmUp);
            r.dl4j.run(warmUp);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                if (round % 2 == 0) {
                    kerflux[i][round] = measure(r.kerflux, r.steps);
                    dl4j[i][round] = measure(r.dl4j, r.steps);
                } else {
                    dl4j[i][round] = measure(r.dl4j, r.steps);
                    kerflux[i][round] = measure(r.kerflux, r.steps);
                }
                out.printf(Locale.ROOT, "round %d %-34s Kerflux %,10.0f  DL4J %,10.0f samples/s%n", round + 1, r.name,
                        kerflux[i][round], dl4j[i][round]);
            }
        }
        double gflops = GemmPeak.w1StepGflops(128, quick ? 1 : 3);

        out.println();
        out.println("| workload | Kerflux samples/s | DL4J samples/s | Kerflux / DL4J |");
        out.println("|---|---:|---:|---:|");
        for (int i = 0; i < rows.size(); i++) {
            double k = median(kerflux[i]);
            double d = median(dl4j[i]);
            out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2fx |%n", rows.get(i).name, k, d, k / d);
        }
        long flops = GemmPeak.trainFlops(GemmPeak.W1_WIDTHS);
        long needed = GemmPeak.trainFlopsNeeded(GemmPeak.W1_WIDTHS);
        out.println();
        out.printf(Locale.ROOT, "W1 training FLOPs per sample: %,d (3 x forward %,d); %,d without the first layer's input gradient%n",
                flops, GemmPeak.forwardFlops(GemmPeak.W1_WIDTHS), needed);
        out.printf(Locale.ROOT, "sgemm through Nd4j.gemm, W1's 8 training gemms at batch 128: %.1f GFLOP/s "
                + "= ceiling of %,.0f samples/s for W1 training (gemms alone)%n", gflops, gflops * 1e9 / needed);
        out.println();
        out.println("Machine: " + Machine.describe());
        out.println("Medians of " + ROUNDS + " alternating rounds after a warm-up; float32; synthetic data; -D"
                + MAX_PHYSICAL_BYTES + "=" + System.getProperty(MAX_PHYSICAL_BYTES) + ".");
        out.println("Command: ./kerflux bench" + (args.length == 0 ? "" : " " + String.join(" ", args)));
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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
