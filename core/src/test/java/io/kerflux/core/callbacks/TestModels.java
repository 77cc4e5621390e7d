package io.kerflux.core.callbacks;

import io.kerflux.core.layers.Dense;
import io.kerflux.core.losses.Loss;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Tiny real models, parameters and captured output for the callback tests. */
final class TestModels {
    private TestModels() { }

    /** Dense(2) on 3 inputs: a kernel (3, 2) and a bias (2,). */
    static Sequential uncompiled() {
        Sequential model = new Sequential(1);
        model.add(new Dense(2).inputShape(3));
        return model;
    }

    /** The same model compiled with SGD at the given rate and a squared-error loss. */
    static Sequential compiled(double learningRate) {
        Sequential model = uncompiled();
        model.compile(SGD.builder().learningRate(learningRate).build(), new SquaredError(), List.of());
        return model;
    }

    /** The model's weights with every element set to {@code value}. */
    static List<INDArray> filled(Sequential model, double value) {
        List<INDArray> out = new ArrayList<>();
        for (INDArray w : model.getWeights()) {
            out.add(w.assign(value));
        }
        return out;
    }

    /** Whether every element of every weight equals {@code value}. */
    static boolean allEqual(Sequential model, double value) {
        for (INDArray w : model.getWeights()) {
            for (double d : w.data().asDouble()) {
                if (d != value) {
                    return false;
                }
            }
        }
        return true;
    }

    static TrainingParams params(List<String> metrics, boolean doValidation) {
        return new TrainingParams(OptionalLong.empty(), 1, OptionalLong.empty(), OptionalLong.empty(), 1, doValidation,
                metrics);
    }

    static Logs logs(Object... keyValues) {
        Logs logs = new Logs();
        for (int i = 0; i < keyValues.length; i += 2) {
            logs.put((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
        }
        return logs;
    }

    static Map.Entry<String, Double> value(String name, double v) {
        return Map.entry(name, v);
    }

    /** A PrintStream whose text can be read back. */
    static final class Captured {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** A clock that stands still until a test moves it. */
    static final class Clock implements LongSupplier {
        private long nanos;

        void at(double seconds) {
            nanos = Math.round(seconds * 1e9);
        }

        @Override
        public long getAsLong() {
            return nanos;
        }
    }

    /** Mean squared error over all elements; the callbacks never train, compile only needs a loss. */
    private static final class SquaredError implements Loss {
        @Override
        public String name() {
            return "squared_error";
        }

        @Override
        public INDArray call(INDArray yTrue, INDArray yPred) {
            INDArray d = yPred.sub(yTrue);
            return d.muli(d).mean(1);
        }

        @Override
        public double compute(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
            INDArray perSample = call(yTrue, yPred);
            if (sampleWeight != null) {
                perSample.muli(sampleWeight.reshape(perSample.shape()));
            }
            return perSample.meanNumber().doubleValue();
        }

        @Override
        public INDArray gradient(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
            INDArray g = yPred.sub(yTrue).muli(2.0 / yPred.length());
            if (sampleWeight != null) {
                g.muliColumnVector(sampleWeight.reshape(yPred.size(0), 1).castTo(g.dataType()));
            }
            return g;
        }
    }
}
