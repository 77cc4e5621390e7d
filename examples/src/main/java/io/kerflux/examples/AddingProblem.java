package io.kerflux.examples;

import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.Adam;
import io.kerflux.core.training.EvaluateOptions;
import io.kerflux.core.training.FitOptions;
import io.kerflux.streams.Batch;
import io.kerflux.streams.Sequence;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ./kerflux lstm}: the adding problem (Hochreiter &amp; Schmidhuber 1997). Each sequence has
 * {@value #STEPS} steps of (value in [0, 1), marker); exactly two markers are 1 and the target is
 * the sum of the two marked values. Predicting the mean (1.0) gives a mean squared error of 1/6;
 * an LSTM that learns to remember the marked values goes far below. Trained from a {@link
 * Sequence} read by two loader threads.
 */
final class AddingProblem {
    static final int STEPS = 30;
    static final int BATCH = 64;
    static final int BATCHES_PER_EPOCH = 100;
    static final int EPOCHS = 12;
    static final long SEED = 11;

    private AddingProblem() { }

    /** Batch i is generated from seed + i: the same batch whatever thread or order asks. */
    record Data(long seed, int batches) implements Sequence {
        @Override
        public int size() {
            return batches;
        }

        @Override
        public Batch get(int index) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + index);
            float[] x = new float[BATCH * STEPS * 2];
            float[] y = new float[BATCH];
            for (int n = 0; n < BATCH; n++) {
                int first = rng.nextInt(STEPS / 2);
                int second = STEPS / 2 + rng.nextInt(STEPS / 2);
                for (int t = 0; t < STEPS; t++) {
                    float v = (float) rng.nextDouble();
                    int at = (n * STEPS + t) * 2;
                    x[at] = v;
                    if (t == first || t == second) {
                        x[at + 1] = 1f;
                        y[n] += v;
                    }
                }
            }
            INDArray xs = Nd4j.create(x, new long[] {BATCH, STEPS, 2}, 'c');
            return Batch.of(xs, Nd4j.create(y, new long[] {BATCH, 1}, 'c'));
        }
    }

    static void run(PrintStream out) {
        Sequential model = Sequential.builder().seed(SEED).out(out).build();
        model.add(LSTM.builder(32).inputShape(STEPS, 2).build());
        model.add(new Dense(1));
        model.compile(Adam.builder().learningRate(0.005).build(), io.kerflux.core.losses.Losses.get("mse"), List.of());
        model.summary(out::println);
        long start = System.nanoTime();
        model.fit(new Data(SEED, BATCHES_PER_EPOCH), FitOptions.builder().epochs(EPOCHS).workers(2).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        double mse = model.evaluateGenerator(new Data(SEED + 1, 20), EvaluateOptions.builder().verbose(0).build())
                .scalar();
        out.printf(Locale.ROOT, "Trained %d epochs in %.1f s%n", EPOCHS, seconds);
        out.printf(Locale.ROOT, "Held-out mean squared error: %.4f (predicting the mean: %.4f)%n", mse, 1.0 / 6);
    }
}
