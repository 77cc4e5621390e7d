package io.kerflux.examples;

import io.kerflux.core.callbacks.History;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Dropout;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.training.EvaluateOptions;
import io.kerflux.core.training.Evaluation;
import io.kerflux.core.training.FitOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The README's main job: an MLP (784-512-512-10, relu, dropout 0.2, softmax) trained with Adam on
 * the bundled MNIST subset from a fixed seed, with Keras' progress bar, then scored on the
 * held-out split.
 */
final class Demo {
    static final int EPOCHS = 20;
    static final int BATCH = 128;
    static final long SEED = 42;

    private Demo() { }

    /** The demo's compiled model, its weights, dropout masks and shuffling drawn from {@code seed}. */
    static Sequential model(long seed, PrintStream out) {
        Sequential model = Sequential.builder().seed(seed).out(out).build();
        model.add(new Dense(512, "relu").inputShape(784));
        model.add(new Dropout(0.2));
        model.add(new Dense(512, "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy", List.of("accuracy"));
        return model;
    }

    static void run(PrintStream out) {
        Mnist train = Mnist.train();
        Mnist test = Mnist.test();
        out.printf(Locale.ROOT, "MNIST subset: %d train / %d test digits%n", train.labels().length, test.labels().length);

        Sequential model = model(SEED, out);
        model.summary(out::println);

        long start = System.nanoTime();
        History history = model.fit(train.x(), train.oneHot(),
                FitOptions.builder().batchSize(BATCH).epochs(EPOCHS).verbose(1).build());
        double seconds = (System.nanoTime() - start) / 1e9;

        Evaluation score = model.evaluate(test.x(), test.oneHot(), EvaluateOptions.builder().verbose(0).build());
        List<Double> trainAccuracy = history.history().get("accuracy");
        out.printf(Locale.ROOT, "Trained %d epochs in %.1f s (final training accuracy %.4f)%n", EPOCHS, seconds,
                trainAccuracy.get(trainAccuracy.size() - 1));
        out.printf(Locale.ROOT, "Test loss: %.4f%n", score.loss());
        out.printf(Locale.ROOT, "Test accuracy: %.4f on %d held-out digits%n", score.get("accuracy"), test.labels().length);
    }
}
