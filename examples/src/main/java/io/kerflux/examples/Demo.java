package io.kerflux.examples;

import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Dropout;
import io.kerflux.core.models.Sequential;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The README's main job: an MLP (784-512-512-10, relu, dropout 0.2, softmax) trained with Adam on
 * the bundled MNIST subset from a fixed seed, with a progress bar, then scored on the held-out
 * split.
 */
final class Demo {
    private static final int EPOCHS = 10;
    private static final int BATCH = 128;
    private static final long SEED = 42;

    private Demo() { }

    static void run(PrintStream out) {
        Mnist train = Mnist.train();
        Mnist test = Mnist.test();
        INDArray yTrain = train.oneHot();
        out.printf(Locale.ROOT, "MNIST subset: %d train / %d test digits%n", train.labels().length, test.labels().length);

        Sequential model = new Sequential(SEED);
        model.add(new Dense(512, "relu").inputShape(784));
        model.add(new Dropout(0.2));
        model.add(new Dense(512, "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy", List.of("accuracy"));
        model.summary(out::println);

        int n = train.labels().length;
        int steps = (n + BATCH - 1) / BATCH;
        Random shuffle = new Random(SEED);
        long start = System.nanoTime();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            out.printf(Locale.ROOT, "Epoch %d/%d%n", epoch + 1, EPOCHS);
            int[] order = permutation(n, shuffle);
            Progress bar = new Progress(out, steps);
            double lossSum = 0;
            double[] values = {0, 0};
            for (int step = 0; step < steps; step++) {
                int from = step * BATCH;
                int to = Math.min(n, from + BATCH);
                int[] rows = Arrays.copyOfRange(order, from, to);
                INDArray xb = train.x().getRows(rows);
                INDArray yb = yTrain.getRows(rows);
                values = model.trainOnBatch(xb, yb, null, null, false);
                lossSum += values[0] * (to - from);
                bar.update(step + 1, lossSum / to, values[1]);
            }
            model.resetMetrics();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        INDArray probs = model.predictOnBatch(test.x());
        INDArray predicted = Nd4j.argMax(probs, 1);
        int correct = 0;
        for (int i = 0; i < test.labels().length; i++) {
            if (predicted.getInt(i) == test.labels()[i]) {
                correct++;
            }
        }
        double accuracy = (double) correct / test.labels().length;
        out.printf(Locale.ROOT, "Trained %d epochs in %.1f s%n", EPOCHS, seconds);
        out.printf(Locale.ROOT, "Test accuracy: %.4f (%d/%d held-out digits)%n", accuracy, correct, test.labels().length);
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A Keras-style bar: redrawn in place on a terminal, one final line otherwise. */
    private static final class Progress {
        private final PrintStream out;
        private final int target;
        private final boolean terminal = System.console() != null;
        private final long start = System.nanoTime();

        Progress(PrintStream out, int target) {
            this.out = out;
            this.target = target;
        }

        void update(int current, double loss, double accuracy) {
            if (!terminal && current < target) {
                return;
            }
            int width = 30 * current / target;
            String bar = "=".repeat(Math.max(0, width - 1)) + (current < target ? ">" : (width > 0 ? "=" : ""))
                    + ".".repeat(30 - width);
            double elapsed = (System.nanoTime() - start) / 1e9;
            String time = current < target
                    ? String.format(Locale.ROOT, "ETA: %.0fs", elapsed / current * (target - current))
                    : String.format(Locale.ROOT, "%.0fs %.0fms/step", elapsed, elapsed * 1000 / current);
            String digits = Integer.toString(target);
            out.printf(Locale.ROOT, "\r%" + digits.length() + "d/%d [%s] - %s - loss: %.4f - accuracy: %.4f%s",
                    current, target, bar, time, loss, accuracy, current == target ? "\n" : "");
        }
    }
}
