package io.kerflux.examples.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kerflux.core.constraints.MaxNorm;
import io.kerflux.core.io.Models;
import io.kerflux.core.layers.Activation;
import io.kerflux.core.layers.AveragePooling1D;
import io.kerflux.core.layers.AveragePooling2D;
import io.kerflux.core.layers.BatchNormalization;
import io.kerflux.core.layers.Bidirectional;
import io.kerflux.core.layers.Conv1D;
import io.kerflux.core.layers.Conv2D;
import io.kerflux.core.layers.Cropping1D;
import io.kerflux.core.layers.Cropping2D;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.layers.Dropout;
import io.kerflux.core.layers.Embedding;
import io.kerflux.core.layers.Flatten;
import io.kerflux.core.layers.GRU;
import io.kerflux.core.layers.GlobalAveragePooling1D;
import io.kerflux.core.layers.GlobalAveragePooling2D;
import io.kerflux.core.layers.GlobalMaxPooling1D;
import io.kerflux.core.layers.GlobalMaxPooling2D;
import io.kerflux.core.layers.LSTM;
import io.kerflux.core.layers.LeakyReLU;
import io.kerflux.core.layers.Masking;
import io.kerflux.core.layers.MaxPooling1D;
import io.kerflux.core.layers.MaxPooling2D;
import io.kerflux.core.layers.Reshape;
import io.kerflux.core.layers.SeparableConv2D;
import io.kerflux.core.layers.SimpleRNN;
import io.kerflux.core.layers.TimeDistributed;
import io.kerflux.core.layers.UpSampling1D;
import io.kerflux.core.layers.UpSampling2D;
import io.kerflux.core.layers.ZeroPadding1D;
import io.kerflux.core.layers.ZeroPadding2D;
import io.kerflux.core.losses.Losses;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.Adadelta;
import io.kerflux.core.optimizers.Adagrad;
import io.kerflux.core.optimizers.Adam;
import io.kerflux.core.optimizers.Adamax;
import io.kerflux.core.optimizers.Nadam;
import io.kerflux.core.optimizers.Optimizer;
import io.kerflux.core.optimizers.RMSprop;
import io.kerflux.core.optimizers.SGD;
import io.kerflux.core.regularizers.Regularizers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java half of the Keras interoperability check (examples/interop/README.md): {@code write}
 * trains a zoo of models a few steps and saves each in every format with its inputs and
 * predictions; {@code read} loads the files Keras wrote back and compares.
 */
public final class InteropModels {
    private static final double TOLERANCE = 1e-5;
    private static final int TRAIN_STEPS = 3;
    private static final int TRAIN_BATCH = 16;
    private static final int PREDICT_BATCH = 4;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How a model's targets look, so that both sides train on the same batch. */
    private enum Target { SPARSE, ONE_HOT, BINARY, REGRESSION }

    /**
     * One model of the zoo.
     *
     * @param name the file stem
     * @param model builds the model from a fixed seed
     * @param inputShape one sample's shape
     * @param vocabulary 0 for float inputs, else the token ids' upper bound (Embedding)
     * @param target how the targets are drawn
     * @param outputs the model's output width
     * @param stepComparable whether one more training step is deterministic (no Dropout mask)
     */
    private record Case(String name, Supplier<Sequential> model, long[] inputShape, int vocabulary, Target target,
            int outputs, boolean stepComparable) { }

    private InteropModels() { }

    /**
     * Runs {@code write <dir>} or {@code read <dir>}.
     *
     * @param args the mode and the folder shared with the Python script
     * @throws IOException if a file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !List.of("write", "read").contains(args[0])) {
            System.err.println("Usage: InteropModels write|read <dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        if (args[0].equals("write")) {
            Files.createDirectories(dir);
            for (Case c : zoo()) {
                write(c, dir, System.out);
            }
        } else {
            int failures = 0;
            for (Case c : zoo()) {
                failures += read(c, dir, System.out);
            }
            System.out.println(failures == 0 ? "All Keras-written files reproduced." : failures + " check(s) failed.");
            System.exit(failures == 0 ? 0 : 1);
        }
    }

    private static List<Case> zoo() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("mlp_dropout_bn", () -> {
            Sequential m = new Sequential(101);
            m.add(Dense.builder(16).activation("relu").inputShape(8).build());
            m.add(new Dropout(0.25));
            m.add(BatchNormalization.builder().build());
            m.add(new Dense(3, "softmax"));
            m.compile(Adam.builder().learningRate(0.01).build(), Losses.get("sparse_categorical_crossentropy"),
                    List.of("accuracy"));
            return m;
        }, new long[] {8}, 0, Target.SPARSE, 3, false));
        cases.add(new Case("mlp_bn", () -> {
            Sequential m = new Sequential(102);
            m.add(Dense.builder(16).activation("tanh").inputShape(8).build());
            m.add(BatchNormalization.builder().build());
            m.add(new Dense(3, "softmax"));
            m.compile(Adam.builder().learningRate(0.01).build(), Losses.get("categorical_crossentropy"),
                    List.of("accuracy"));
            return m;
        }, new long[] {8}, 0, Target.ONE_HOT, 3, true));
        cases.add(new Case("cnn", () -> {
            Sequential m = new Sequential(103);
            m.add(Conv2D.builder(4, 3).activation("relu").padding("same").inputShape(8, 8, 2).build());
            m.add(new MaxPooling2D(2));
            m.add(new Flatten());
            m.add(new Dense(5, "softmax"));
            m.compile(SGD.builder().learningRate(0.05).momentum(0.9).nesterov(true).build(),
                    Losses.get("categorical_crossentropy"), List.of("accuracy"));
            return m;
        }, new long[] {8, 8, 2}, 0, Target.ONE_HOT, 5, true));
        cases.add(new Case("conv1d_gap", () -> {
            Sequential m = new Sequential(104);
            m.add(Conv1D.builder(3, 2).padding("causal").dilationRate(2).inputShape(10, 4).build());
            m.add(new GlobalAveragePooling1D());
            m.add(new Dense(2));
            m.compile(RMSprop.builder().learningRate(0.005).build(), Losses.get("mse"), List.of("mae"));
            return m;
        }, new long[] {10, 4}, 0, Target.REGRESSION, 2, true));
        cases.add(new Case("embedding_lstm", () -> {
            Sequential m = new Sequential(105);
            m.add(Embedding.builder(50, 8).inputShape(7).build());
            m.add(new LSTM(6));
            m.add(new Dense(1, "sigmoid"));
            m.compile(Adam.builder().amsgrad(true).build(), Losses.get("binary_crossentropy"), List.of("accuracy"));
            return m;
        }, new long[] {7}, 50, Target.BINARY, 1, true));
        cases.add(new Case("gru_stacked", () -> {
            Sequential m = new Sequential(106);
            m.add(GRU.builder(5).resetAfter(true).returnSequences(true).inputShape(6, 3).build());
            m.add(GRU.builder(4).resetAfter(false).build());
            m.add(new Dense(1));
            m.compile(Adadelta.builder().build(), Losses.get("mae"), List.of("mse"));
            return m;
        }, new long[] {6, 3}, 0, Target.REGRESSION, 1, true));
        cases.add(new Case("simplernn_backwards", () -> {
            Sequential m = new Sequential(107);
            m.add(SimpleRNN.builder(4).goBackwards(true).inputShape(6, 3).build());
            m.add(new Dense(2, "softmax"));
            m.compile(Adagrad.builder().build(), Losses.get("categorical_crossentropy"), List.of("accuracy"));
            return m;
        }, new long[] {6, 3}, 0, Target.ONE_HOT, 2, true));
        cases.add(new Case("bidirectional_lstm", () -> {
            Sequential m = new Sequential(108);
            m.add(Bidirectional.builder(new LSTM(4)).inputShape(5, 3).build());
            m.add(new Dense(2));
            m.compile(Adamax.builder().build(), Losses.get("mse"), List.of());
            return m;
        }, new long[] {5, 3}, 0, Target.REGRESSION, 2, true));
        cases.add(new Case("timedistributed_nadam", () -> {
            Sequential m = new Sequential(109);
            m.add(TimeDistributed.builder(new Dense(3)).inputShape(5, 4).build());
            m.add(new Flatten());
            m.add(new Dense(1));
            m.compile(Nadam.builder().scheduleDecay(1).build(), Losses.get("mse"), List.of());
            return m;
        }, new long[] {5, 4}, 0, Target.REGRESSION, 1, true));
        cases.add(new Case("conv2d_zoo", () -> {
            Sequential m = new Sequential(112);
            m.add(new ZeroPadding2D(1, 1).inputShape(6, 6, 2));
            m.add(SeparableConv2D.builder(3, 3, 3).depthMultiplier(2).activation("relu").build());
            m.add(new Cropping2D(1, 1));
            m.add(UpSampling2D.builder().size(2, 1).build());
            m.add(new AveragePooling2D(2, 2));
            m.add(Conv2D.builder(2, 3, 3).padding("same").kernelInitializer("he_normal")
                    .kernelRegularizer(Regularizers.l2(0.01)).biasConstraint(new MaxNorm(2.0)).build());
            m.add(new LeakyReLU(0.2));
            m.add(new GlobalMaxPooling2D());
            m.add(new Dense(2));
            // Keras 2's decay is Keras 3's InverseTimeDecay; Keras 2's global clipnorm is global_clipnorm
            m.compile(SGD.builder().learningRate(0.02).momentum(0.5).decay(0.01).clipnorm(1.0).build(),
                    Losses.get("mse"), List.of());
            return m;
        }, new long[] {6, 6, 2}, 0, Target.REGRESSION, 2, true));
        cases.add(new Case("conv1d_zoo", () -> {
            Sequential m = new Sequential(113);
            m.add(new ZeroPadding1D(1, 2).inputShape(10, 3));
            m.add(Conv1D.builder(4, 3).activation("relu").build());
            m.add(new Cropping1D(1, 1));
            m.add(new UpSampling1D(2));
            m.add(MaxPooling1D.builder().poolSize(2).strides(1).build());
            m.add(new AveragePooling1D(2));
            m.add(new Activation("tanh"));
            m.add(new GlobalMaxPooling1D());
            m.add(new Reshape(2, 2));
            m.add(new Flatten());
            m.add(new Dense(1));
            m.compile(Adam.builder().learningRate(0.01).decay(0.001).clipvalue(0.5).build(), Losses.get("mae"),
                    List.of("mse"));
            return m;
        }, new long[] {10, 3}, 0, Target.REGRESSION, 1, true));
        cases.add(new Case("masking_lstm", () -> {
            Sequential m = new Sequential(114);
            m.add(new Masking(0.0).inputShape(5, 3));
            m.add(new LSTM(3));
            m.add(new Dense(1));
            m.compile(RMSprop.builder().learningRate(0.01).build(), Losses.get("mse"), List.of());
            return m;
        }, new long[] {5, 3}, 0, Target.REGRESSION, 1, true));
        cases.add(new Case("gap2d_uncompiled", () -> {
            Sequential m = new Sequential(116);
            m.add(Conv2D.builder(2, 3, 3).inputShape(5, 5, 1).build());
            m.add(new GlobalAveragePooling2D());
            m.add(new Dense(1));
            return m;
        }, new long[] {5, 5, 1}, 0, Target.REGRESSION, 1, false));
        cases.add(new Case("float64_mlp", () -> {
            Sequential m = Sequential.builder().seed(115).dtype(DataType.DOUBLE).build();
            m.add(Dense.builder(5).activation("sigmoid").inputShape(4).build());
            m.add(new Dense(3, "softmax"));
            m.compile(Adam.builder().learningRate(0.01).build(), Losses.get("categorical_crossentropy"),
                    List.of("accuracy"));
            return m;
        }, new long[] {4}, 0, Target.ONE_HOT, 3, true));
        cases.add(new Case("uncompiled_dense", () -> {
            Sequential m = new Sequential(110);
            m.add(Dense.builder(4).activation("elu").inputShape(3).build());
            m.add(new Dense(2, "sigmoid"));
            return m;
        }, new long[] {3}, 0, Target.REGRESSION, 2, false));
        cases.add(new Case("lstm_hard_sigmoid", () -> {
            Sequential m = new Sequential(111);
            m.add(LSTM.builder(3).recurrentActivation("hard_sigmoid").inputShape(4, 2).build());
            m.add(new Dense(1));
            m.compile("nadam", "mse");
            return m;
        }, new long[] {4, 2}, 0, Target.REGRESSION, 1, true));
        return cases;
    }

    private static INDArray inputs(Case c, long seed, int batch) {
        long[] shape = new long[c.inputShape().length + 1];
        shape[0] = batch;
        System.arraycopy(c.inputShape(), 0, shape, 1, c.inputShape().length);
        Random r = new Random(seed);
        float[] x = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < x.length; i++) {
            x[i] = c.vocabulary() > 0 ? r.nextInt(c.vocabulary()) : (float) r.nextGaussian();
        }
        return Nd4j.create(x, shape, 'c');
    }

    private static INDArray targets(Case c, long seed, int batch) {
        Random r = new Random(seed);
        int k = c.outputs();
        return switch (c.target()) {
            case SPARSE -> Nd4j.create(floats(batch, () -> r.nextInt(k)), new long[] {batch, 1}, 'c');
            case BINARY -> Nd4j.create(floats(batch * k, () -> r.nextInt(2)), new long[] {batch, k}, 'c');
            case REGRESSION -> Nd4j.create(floats(batch * k, r::nextGaussian), new long[] {batch, k}, 'c');
            case ONE_HOT -> {
                INDArray y = Nd4j.zeros(DataType.FLOAT, batch, k);
                for (int i = 0; i < batch; i++) {
                    y.putScalar(i, r.nextInt(k), 1f);
                }
                yield y;
            }
        };
    }

    private static float[] floats(int n, java.util.function.DoubleSupplier next) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) next.getAsDouble();
        }
        return out;
    }

    /**
     * Trains a few steps, saves the model in every format, then records one more training step:
     * its batch and the predictions after it, which Keras must reproduce from the loaded state.
     */
    private static void write(Case c, Path dir, PrintStream out) throws IOException {
        Sequential model = c.model().get();
        if (model.isCompiled()) {
            for (int s = 0; s < TRAIN_STEPS; s++) {
                model.trainOnBatch(inputs(c, 1000 + s, TRAIN_BATCH), targets(c, 2000 + s, TRAIN_BATCH));
            }
        }
        String n = c.name();
        boolean keras3 = !n.contains("hard_sigmoid");
        if (keras3) {
            model.save(dir.resolve(n + ".keras"));
            model.saveWeights(dir.resolve(n + ".weights.h5"));
        }
        model.save(dir.resolve(n + ".h5"));
        Files.writeString(dir.resolve(n + ".json"), model.toJson());
        model.saveWeights(dir.resolve(n + "_weights.h5"));
        INDArray x = inputs(c, 3000, PREDICT_BATCH);
        Npy.write(dir.resolve(n + "_x.npy"), x);
        Npy.write(dir.resolve(n + "_pred.npy"), model.predict(x));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", n);
        info.put("keras3_formats", keras3);
        info.put("int_input", c.vocabulary() > 0);
        info.put("compiled", model.isCompiled());
        info.put("step_comparable", c.stepComparable() && model.isCompiled() && keras3);
        if (model.isCompiled()) {
            Optimizer o = model.optimizer();
            info.put("optimizer", o.className());
            info.put("learning_rate", o.learningRate());
            info.put("iterations", o.iterations());
            info.put("loss", model.loss().name());
            List<String> metrics = new ArrayList<>(model.metricsNames());
            metrics.remove("loss");
            info.put("metrics", metrics);
            INDArray sx = inputs(c, 4000, TRAIN_BATCH);
            INDArray sy = targets(c, 5000, TRAIN_BATCH);
            Npy.write(dir.resolve(n + "_step_x.npy"), sx);
            Npy.write(dir.resolve(n + "_step_y.npy"), sy);
            info.put("step_loss", model.trainOnBatch(sx, sy)[0]);
            Npy.write(dir.resolve(n + "_after_step.npy"), model.predict(x));
            if (keras3) {
                model.save(dir.resolve(n + "_after_step.keras"));
            }
        }
        Files.writeString(dir.resolve(n + "_info.json"), JSON.writeValueAsString(info));
        out.println("wrote " + n);
    }

    /** Loads what Keras wrote ({@code keras/<name>.*}) and compares with Kerflux's own predictions. */
    private static int read(Case c, Path dir, PrintStream out) throws IOException {
        Path keras = dir.resolve("keras");
        String n = c.name();
        INDArray x = Npy.read(dir.resolve(n + "_x.npy"));
        INDArray expected = Npy.read(dir.resolve(n + "_pred.npy"));
        int failures = 0;
        Path own = dir.resolve(n + ".keras");
        List<INDArray> ownState = Files.exists(own) && Models.loadModel(own).isCompiled()
                ? Models.loadModel(own).optimizer().getWeights() : List.of();
        for (String file : List.of(n + ".keras", n + ".h5")) {
            Path p = keras.resolve(file);
            if (!Files.exists(p)) {
                continue;
            }
            try {
                Sequential loaded = Models.loadModel(p);
                double diff = maxAbsDiff(loaded.predict(x), expected);
                String compiled = "not compiled";
                boolean stateOk = true;
                if (loaded.isCompiled()) {
                    double stateDiff = stateDiff(loaded.optimizer().getWeights(), ownState);
                    stateOk = stateDiff <= TOLERANCE;
                    compiled = String.format(Locale.ROOT, "compiled %s lr=%.6g iterations=%d, optimizer state %s",
                            loaded.optimizer().className(), loaded.optimizer().learningRate(),
                            loaded.optimizer().iterations(), Double.isNaN(stateDiff) ? "differs in size"
                                    : String.format(Locale.ROOT, "max|diff| %.2e from Kerflux's own", stateDiff));
                }
                boolean ok = diff <= TOLERANCE && stateOk;
                failures += ok ? 0 : 1;
                out.printf(Locale.ROOT, "%-4s %-34s predictions max|diff| %.2e, %s%n", ok ? "OK" : "FAIL", "keras/" + file,
                        diff, compiled);
            } catch (RuntimeException e) {
                failures++;
                out.printf(Locale.ROOT, "FAIL %-34s %s%n", "keras/" + file, e.getMessage());
            }
        }
        Path weights = keras.resolve(n + ".weights.h5");
        Path json = keras.resolve(n + ".json");
        if (Files.exists(weights) && Files.exists(json)) {
            try {
                Sequential fresh = Models.modelFromJson(Files.readString(json));
                fresh.loadWeights(weights);
                double diff = maxAbsDiff(fresh.predict(x), expected);
                failures += diff <= TOLERANCE ? 0 : 1;
                out.printf(Locale.ROOT, "%-4s %-34s predictions max|diff| %.2e%n", diff <= TOLERANCE ? "OK" : "FAIL",
                        "keras/" + n + ".json + .weights.h5", diff);
            } catch (RuntimeException e) {
                failures++;
                out.printf(Locale.ROOT, "FAIL %-34s %s%n", "keras/" + n + ".json + .weights.h5", e.getMessage());
            }
        }
        return failures;
    }

    /** The largest difference between two optimizer states (NaN when their arrays do not pair up). */
    private static double stateDiff(List<INDArray> a, List<INDArray> b) {
        if (a.size() != b.size()) {
            return Double.NaN;
        }
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).length() != b.get(i).length()) {
                return Double.NaN;
            }
            worst = Math.max(worst, maxAbsDiff(a.get(i), b.get(i)));
        }
        return worst;
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE).reshape(a.shape())).amaxNumber().doubleValue();
    }
}
