package io.kerflux.examples;

import io.kerflux.examples.bench.Bench;
import io.kerflux.examples.bench.PipelineBench;
import java.util.Arrays;

/** The command-line entry point behind the {@code kerflux} launcher. */
public final class Main {
    private Main() { }

    /**
     * Runs a subcommand.
     *
     * @param args the subcommand ({@code demo}) and its arguments
     */
    public static void main(String[] args) {
        String command = args.length == 0 ? "demo" : args[0];
        switch (command) {
            case "demo" -> Demo.run(System.out);
            case "cnn" -> Cnn.run(System.out);
            case "lstm" -> AddingProblem.run(System.out);
            case "bench" -> Bench.run(Arrays.copyOfRange(args, 1, args.length), System.out);
            case "pipeline" -> PipelineBench.run(Arrays.copyOfRange(args, 1, args.length), System.out);
            case "accuracy" -> AccuracyCheck.run(Arrays.copyOfRange(args, 1, args.length), System.out);
            case "help", "-h", "--help" -> usage();
            default -> {
                System.err.println("Unknown command: " + command + " " + Arrays.toString(args));
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.out.println("Usage: ./kerflux <command>\n"
                + "  demo   train an MLP on the bundled MNIST subset and report the test accuracy\n"
                + "  cnn    train a small CNN on the bundled MNIST subset and report the test accuracy\n"
                + "  lstm   train an LSTM on the adding problem and report the held-out error\n"
                + "  bench  [--quick] [--peers] time Kerflux against DL4J (and PyTorch, Keras 3) on the benchmark workloads\n"
                + "  pipeline [--quick] [--load-ms X]  fit on a Sequence with slow loads, workers 1-8, against the ideal\n"
                + "  accuracy [--peers] [--seeds 42,43,...] the demo's test accuracy over several seeds (and PyTorch's)");
    }
}
