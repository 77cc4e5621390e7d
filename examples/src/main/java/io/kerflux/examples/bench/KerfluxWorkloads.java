package io.kerflux.examples.bench;

import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.training.FitOptions;
import io.kerflux.examples.Cnn;
import java.util.List;

/** The workloads in Kerflux, built as a Keras user would write them. */
final class KerfluxWorkloads {
    private static final long SEED = 42;

    private KerfluxWorkloads() { }

    static Sequential w1Model() {
        Sequential model = new Sequential(SEED);
        model.add(new Dense(512, "relu").inputShape(784));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy", List.of());
        return model;
    }

    static Sequential w2Model() {
        Sequential model = new Sequential(SEED);
        Cnn.addLayers(model);
        model.compile("adam", "categorical_crossentropy", List.of());
        return model;
    }

    static Sequential w3Model() {
        Sequential model = new Sequential(SEED);
        model.add(new LSTM(128).inputShape(50, 32));
        model.add(new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy", List.of());
        return model;
    }

    static Sequential w4Model() {
        Sequential model = new Sequential(SEED);
        model.add(new Dense(32, "relu").inputShape(20));
        model.add(new Dense(1, "sigmoid"));
        model.compile("sgd", "binary_crossentropy", List.of());
        return model;
    }

    /** {@code trainOnBatch} over the pre-sliced batches. */
    static Workload trainOnBatch(Sequential model, Spec spec) {
        return steps -> {
            for (int i = 0; i < steps; i++) {
                model.trainOnBatch(spec.xBatch(i), spec.yBatch(i));
            }
            return (long) steps * spec.batch();
        };
    }

    /** {@code fit} over all rows, one epoch per pass, shuffled as Keras' default is. */
    static Workload fit(Sequential model, Spec spec) {
        int perEpoch = spec.xs().length;
        return steps -> {
            int epochs = Math.max(1, steps / perEpoch);
            model.fit(spec.x(), spec.y(), FitOptions.builder().batchSize(spec.batch()).epochs(epochs).verbose(0).build());
            return (long) epochs * perEpoch * spec.batch();
        };
    }

    static Workload predict(Sequential model, Spec spec) {
        return steps -> {
            for (int i = 0; i < steps; i++) {
                model.predictOnBatch(spec.xBatch(i));
            }
            return (long) steps * spec.batch();
        };
    }
}
