package io.kerflux.examples;

import io.kerflux.core.layers.Conv2D;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Flatten;
import io.kerflux.core.layers.MaxPooling2D;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.training.EvaluateOptions;
import io.kerflux.core.training.Evaluation;
import io.kerflux.core.training.FitOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./kerflux cnn}: Conv2D(32,3)-MaxPooling2D-Conv2D(64,3)-MaxPooling2D-Flatten-Dense(128)-
 * Dense(10) trained with Adam on the bundled MNIST subset from a fixed seed, scored on the held-out
 * split.
 */
public final class Cnn {
    static final int EPOCHS = 10;
    static final int BATCH = 64;
    static final long SEED = 7;

    private Cnn() { }

    /**
     * Adds the CNN's layers (also the benchmark's W2): Conv2D(32, 3)-MaxPooling2D-Conv2D(64, 3)-
     * MaxPooling2D-Flatten-Dense(128)-Dense(10, softmax) on 28 × 28 × 1 images.
     *
     * @param model an empty model
     */
    public static void addLayers(Sequential model) {
        model.add(Conv2D.builder(32, 3).activation("relu").inputShape(28, 28, 1).build());
        model.add(new MaxPooling2D(2));
        model.add(Conv2D.builder(64, 3).activation("relu").build());
        model.add(new MaxPooling2D(2));
        model.add(new Flatten());
        model.add(new Dense(128, "relu"));
        model.add(new Dense(10, "softmax"));
    }

    static void run(PrintStream out) {
        Mnist train = Mnist.train();
        Mnist test = Mnist.test();
        Sequential model = Sequential.builder().seed(SEED).out(out).build();
        addLayers(model);
        model.compile("adam", "categorical_crossentropy", List.of("accuracy"));
        model.summary(out::println);

        long start = System.nanoTime();
        model.fit(train.images4d(), train.oneHot(), FitOptions.builder().batchSize(BATCH).epochs(EPOCHS).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation score = model.evaluate(test.images4d(), test.oneHot(), EvaluateOptions.builder().verbose(0).build());
        out.printf(Locale.ROOT, "Trained %d epochs in %.1f s%n", EPOCHS, seconds);
        out.printf(Locale.ROOT, "Test accuracy: %.4f on %d held-out digits%n", score.get("accuracy"), test.labels().length);
    }
}
