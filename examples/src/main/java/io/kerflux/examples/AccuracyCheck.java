package io.kerflux.examples;

import io.kerflux.core.models.Sequential;
import io.kerflux.core.training.EvaluateOptions;
import io.kerflux.core.training.FitOptions;
import io.kerflux.examples.bench.PythonPeers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./kerflux accuracy [--peers] [--seeds 42,43,...]}: the demo's model and schedule trained
 * from several seeds on the bundled MNIST subset, the mean and spread of its test accuracy, and
 * with {@code --peers} the same for PyTorch ({@code examples/peers/mnist_accuracy.py}: same data,
 * model, initialisation, optimizer and schedule), so that the speed is seen not to be bought with
 * wrong math. One seed's accuracy varies by a few tenths of a point, hence several seeds per side.
 */
final class AccuracyCheck {
    static final String DEFAULT_SEEDS = "42,43,44,45,46";
    /** The bound on |mean Kerflux − mean PyTorch|, as a fraction. */
    static final double TOLERANCE = 0.005;

    private AccuracyCheck() { }

    static void run(String[] args, PrintStream out) {
        List<String> options = Arrays.asList(args);
        int at = options.indexOf("--seeds");
        String seedList = at >= 0 && at + 1 < args.length ? args[at + 1] : DEFAULT_SEEDS;
        long[] seeds = Arrays.stream(seedList.split(",")).mapToLong(Long::parseLong).toArray();

        Mnist train = Mnist.train();
        Mnist test = Mnist.test();
        out.printf(Locale.ROOT, "MNIST subset: %d train / %d test digits; the demo's model, %d epochs, batch %d, seeds %s%n",
                train.labels().length, test.labels().length, Demo.EPOCHS, Demo.BATCH, seedList);
        double[] kerflux = new double[seeds.length];
        for (int i = 0; i < seeds.length; i++) {
            Sequential model = Demo.model(seeds[i], out);
            long start = System.nanoTime();
            model.fit(train.x(), train.oneHot(), FitOptions.builder().batchSize(Demo.BATCH).epochs(Demo.EPOCHS).verbose(0).build());
            double seconds = (System.nanoTime() - start) / 1e9;
            kerflux[i] = model.evaluate(test.x(), test.oneHot(), EvaluateOptions.builder().verbose(0).build()).get("accuracy");
            out.printf(Locale.ROOT, "Kerflux seed %d: test accuracy %.4f (%.1f s of training)%n", seeds[i], kerflux[i], seconds);
        }
        out.println(summary("Kerflux", kerflux));
        if (!options.contains("--peers")) {
            return;
        }
        Optional<double[]> torch = PythonPeers.python(out).flatMap(python -> pytorch(python, seedList, out));
        if (torch.isEmpty()) {
            return;
        }
        double[] p = torch.get();
        out.println(summary("PyTorch", p));
        double difference = mean(kerflux) - mean(p);
        double standardError = Math.sqrt(variance(kerflux) / kerflux.length + variance(p) / p.length);
        out.printf(Locale.ROOT, "Kerflux - PyTorch: %+.2f percentage points (standard error %.2f); within %.1f points: %s%n",
                100 * difference, 100 * standardError, 100 * TOLERANCE, Math.abs(difference) <= TOLERANCE ? "yes" : "NO");
    }

    /** Runs the PyTorch script over the same seeds; its lines are echoed, its accuracies returned. */
    private static Optional<double[]> pytorch(Path python, String seedList, PrintStream out) {
        List<String> command = new ArrayList<>(List.of(python.toString(), "examples/peers/mnist_accuracy.py",
                "--epochs", Integer.toString(Demo.EPOCHS), "--batch", Integer.toString(Demo.BATCH), "--seeds"));
        command.addAll(Arrays.asList(seedList.split(",")));
        // The launcher's OMP_WAIT_POLICY=PASSIVE is kept: speed is not measured here, and on a busy
        // machine PyTorch's default spinning can make it many times slower.
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        List<Double> accuracies = new ArrayList<>();
        try {
            Process process = builder.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] words = line.split(" ");
                    if (words.length == 6 && words[0].equals("seed")) {
                        accuracies.add(Double.parseDouble(words[3]));
                        out.printf(Locale.ROOT, "PyTorch seed %s: test accuracy %s (%s s of training)%n", words[1], words[3], words[5]);
                    } else {
                        out.println(line);
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || accuracies.isEmpty()) {
                out.println("PyTorch run failed (exit code " + exit + ")");
                return Optional.empty();
            }
        } catch (IOException e) {
            out.println("PyTorch run failed: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(accuracies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String summary(String framework, double[] accuracies) {
        return String.format(Locale.ROOT, "%s: mean test accuracy %.4f ± %.4f (sample sd over %d seeds), min %.4f, max %.4f",
                framework, mean(accuracies), Math.sqrt(variance(accuracies)), accuracies.length,
                Arrays.stream(accuracies).min().orElse(Double.NaN), Arrays.stream(accuracies).max().orElse(Double.NaN));
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The sample variance (n − 1); 0 for a single value. */
    private static double variance(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        return Arrays.stream(values).map(v -> (v - m) * (v - m)).sum() / (values.length - 1);
    }
}
