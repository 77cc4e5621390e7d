package io.kerflux.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.callbacks.Callback;
import io.kerflux.core.callbacks.History;
import io.kerflux.core.callbacks.Logs;
import io.kerflux.core.callbacks.TrainingParams;
import io.kerflux.core.events.TrainingEvent;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.models.Sequential;
import io.kerflux.core.optimizers.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import reactor.test.StepVerifier;

class FitTest {

    private static INDArray col(double... v) {
        return Nd4j.create(v, new long[] {v.length, 1}, DataType.DOUBLE);
    }

    /** Dense(1) without bias, weight w, SGD lr, mse and mae, in double precision, silent. */
    private static Sequential linear(double w, PrintStream out) {
        Sequential model = Sequential.builder().dtype(DataType.DOUBLE).seed(1).out(out).build();
        model.add(Dense.builder(1).useBias(false).inputShape(1).build());
        model.setWeights(List.of(Nd4j.create(new double[][] {{w}})));
        model.compile(SGD.builder().learningRate(0.1).build(), io.kerflux.core.losses.Losses.get("mse"), List.of("mae"));
        return model;
    }

    private static Sequential linear(double w) {
        return linear(w, System.out);
    }

    /** Records every hook as text, with the keys of its logs. */
    static final class Recorder implements Callback {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        private void add(String s) {
            calls.add(s);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void setParams(TrainingParams params) {
            add("set_params " + params.metrics());
        }

        @Override
        public void setModel(Sequential model) {
            add("set_model");
        }

        @Override
        public void onTrainBegin(Logs logs) {
            add("train_begin");
        }

        @Override
        public void onTrainEnd(Logs logs) {
            add("train_end");
        }

        @Override
        public void onEpochBegin(int epoch, Logs logs) {
            add("epoch_begin " + epoch);
        }

        @Override
        public void onEpochEnd(int epoch, Logs logs) {
            add("epoch_end " + epoch + " " + logs.keys());
        }

        @Override
        public void onTrainBatchBegin(int batch, Logs logs) {
            add("train_batch_begin " + batch + " " + logs.keys());
        }

        @Override
        public void onTrainBatchEnd(int batch, Logs logs) {
            add("train_batch_end " + batch + " " + logs.keys());
        }

        @Override
        public void onTestBegin(Logs logs) {
            add("test_begin");
        }

        @Override
        public void onTestEnd(Logs logs) {
            add("test_end");
        }

        @Override
        public void onTestBatchBegin(int batch, Logs logs) {
            add("test_batch_begin " + batch);
        }

        @Override
        public void onTestBatchEnd(int batch, Logs logs) {
            add("test_batch_end " + batch + " " + logs.keys());
        }
    }

    @Test
    void historyOfTheSpecExample() {
        // KERAS_SEMANTICS §5: batch losses 22.5 then 2.25, w 0 -> 1.5 -> 0.6; epoch loss 15.75, mae 3.5.
        Sequential model = linear(0);
        History h = model.fit(col(1, 2, 3), col(3, 6, 3),
                FitOptions.builder().batchSize(2).shuffle(false).verbose(0).build());
        assertThat(h.epoch()).containsExactly(0);
        assertThat(h.history().get("loss").get(0)).isCloseTo(15.75, within(1e-12));
        assertThat(h.history().get("mae").get(0)).isCloseTo(3.5, within(1e-12));
        assertThat(model.getWeights().get(0).getDouble(0)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void hookOrderAndLogsForThreeBatchesTwoEpochsWithValidation() {
        Sequential model = linear(0);
        Recorder r = new Recorder();
        model.fit(col(1, 2, 3, 4, 5, 6), col(1, 2, 3, 4, 5, 6), FitOptions.builder().batchSize(2).epochs(2)
                .shuffle(false).verbose(0).validationData(col(1, 2, 3), col(1, 2, 3)).callbacks(r).build());
        List<String> expected = new ArrayList<>(List.of("set_model", "set_params [loss, mae, val_loss, val_mae]",
                "train_begin"));
        for (int e = 0; e < 2; e++) {
            expected.add("epoch_begin " + e);
            for (int b = 0; b < 3; b++) {
                expected.add("train_batch_begin " + b + " [batch, size]");
                expected.add("train_batch_end " + b + " [batch, size, loss, mae]");
            }
            expected.add("test_begin");
            expected.add("test_batch_begin 0");
            expected.add("test_batch_end 0 [batch, size, loss, mae]");
            expected.add("test_batch_begin 1");
            expected.add("test_batch_end 1 [batch, size, loss, mae]");
            expected.add("test_end");
            expected.add("epoch_end " + e + " [val_loss, val_mae, loss, mae]");
        }
        expected.add("train_end");
        assertThat(r.calls).containsExactlyElementsOf(expected);
        assertThat(r.threads).allMatch(t -> t.startsWith("kerflux-trainer-"));
        assertThat(Set.copyOf(r.threads)).hasSize(1);
    }

    @Test
    void threeBatchesTwoEpochsEmitTheContractEvents() {
        Sequential model = linear(0);
        StepVerifier.create(model.fitStream(col(1, 2, 3, 4, 5), col(1, 2, 3, 4, 5),
                        FitOptions.builder().batchSize(2).epochs(2).verbose(0).build()))
                .expectNextMatches(e -> e instanceof TrainingEvent.TrainBegin)
                .expectNextMatches(e -> e instanceof TrainingEvent.EpochBegin b && b.epoch() == 0)
                .expectNextMatches(e -> e instanceof TrainingEvent.TrainBatchEnd b && b.batch() == 0)
                .expectNextMatches(e -> e instanceof TrainingEvent.TrainBatchEnd b && b.batch() == 1)
                .expectNextMatches(e -> e instanceof TrainingEvent.TrainBatchEnd b && b.batch() == 2
                        && b.logs().get("size") == 1.0)
                .expectNextMatches(e -> e instanceof TrainingEvent.EpochEnd b && b.epoch() == 0)
                .expectNextMatches(e -> e instanceof TrainingEvent.EpochBegin b && b.epoch() == 1)
                .expectNextCount(3)
                .expectNextMatches(e -> e instanceof TrainingEvent.EpochEnd b && b.epoch() == 1)
                .expectNextMatches(e -> e instanceof TrainingEvent.TrainEnd t && t.epochsRun() == 2 && t.error() == null)
                .verifyComplete();
    }

    @Test
    void fitStreamIsColdUntilSubscribed() {
        Sequential model = linear(0);
        INDArray before = model.getWeights().get(0);
        model.fitStream(col(1, 2), col(3, 4), FitOptions.builder().verbose(0).build());
        assertThat(model.getWeights().get(0)).isEqualTo(before);
    }

    @Test
    void validationFreqAndSplit() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Sequential model = linear(0, new PrintStream(text, true, StandardCharsets.UTF_8));
        INDArray x = col(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
        History h = model.fit(x, x.mul(2), FitOptions.builder().epochs(6).validationSplit(0.2).validationFreq(3)
                .verbose(2).build());
        assertThat(h.history().get("loss")).hasSize(6);
        assertThat(h.history().get("val_loss")).hasSize(2);
        String printed = text.toString(StandardCharsets.UTF_8);
        // n = 10, split .2 -> (int)(10·0.8) = 8 training samples
        assertThat(printed).startsWith("Train on 8 samples, validate on 2 samples");
        assertThat(printed).contains("Epoch 1/6", "Epoch 6/6");
        assertThat(printed).containsPattern(" - \\d+s - loss: \\d\\.\\d{4}(e-\\d\\d)? - mae: [0-9.e-]+ - val_loss: ");
    }

    @Test
    void validationSplitUsesTheTailBeforeShuffling() {
        Sequential model = linear(1);
        // the validation part is samples 8 and 9 only: with w = 1 fixed (lr 0) their loss is known
        model.optimizer().learningRate(0);
        INDArray x = col(1, 1, 1, 1, 1, 1, 1, 1, 3, 5);
        INDArray y = col(1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        History h = model.fit(x, y, FitOptions.builder().validationSplit(0.2).verbose(0).build());
        // val mse = (3² + 5²)/2
        assertThat(h.history().get("val_loss").get(0)).isCloseTo(17.0, within(1e-12));
        assertThat(h.history().get("loss").get(0)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void stopTrainingFromACallbackEndsTheEpochWithoutValidation() {
        Sequential model = linear(0);
        Recorder r = new Recorder();
        Callback stopper = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Logs logs) {
                if (batch == 1) {
                    model.stopTraining(true);
                }
            }
        };
        History h = model.fit(col(1, 2, 3, 4, 5, 6), col(1, 2, 3, 4, 5, 6), FitOptions.builder().batchSize(2)
                .epochs(3).verbose(0).validationData(col(1), col(1)).callbacks(stopper, r).build());
        assertThat(h.epoch()).containsExactly(0);
        assertThat(r.calls).filteredOn(c -> c.startsWith("train_batch_end")).hasSize(2);
        assertThat(r.calls).noneMatch(c -> c.startsWith("test_begin"));
        assertThat(r.calls).contains("epoch_end 0 [loss, mae]");
    }

    @Test
    void initialEpochBeyondEpochsRunsNoEpoch() {
        Sequential model = linear(0);
        Recorder r = new Recorder();
        History h = model.fit(col(1), col(1), FitOptions.builder().epochs(2).initialEpoch(2).verbose(0).callbacks(r).build());
        assertThat(h.epoch()).isEmpty();
        assertThat(r.calls).containsSubsequence("train_begin", "train_end");
    }

    @Test
    void evaluateAveragesTheLossOverSamples() {
        Sequential model = linear(1);
        // per-sample squared errors with w = 1: 0, 1, 4 -> batches of 2: [0, 1] and [4]; mean over samples 5/3
        Evaluation e = model.evaluate(col(1, 2, 3), col(1, 1, 1), EvaluateOptions.builder().batchSize(2).verbose(0).build());
        assertThat(e.names()).containsExactly("loss", "mae");
        assertThat(e.loss()).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(e.get("mae")).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(e::scalar).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void predictConcatenatesBatches() {
        Sequential model = linear(2);
        INDArray p = model.predict(col(1, 2, 3, 4, 5), PredictOptions.builder().batchSize(2).build());
        assertThat(p.reshape(5).toDoubleVector()).containsExactly(2, 4, 6, 8, 10);
    }

    @Test
    void rejectsBadArgumentsWithKerasMessages() {
        Sequential model = linear(0);
        INDArray x = col(1, 2);
        assertThatThrownBy(() -> model.fit(x, x, FitOptions.builder().stepsPerEpoch(2).batchSize(2).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("If steps_per_epoch is set, the `batch_size` must be None.");
        assertThatThrownBy(() -> model.fit(x, x, FitOptions.builder().validationSteps(2).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Can only use `validation_steps` when doing step-wise training");
        assertThatThrownBy(() -> model.fit(x, x, FitOptions.builder().stepsPerEpoch(2).validationData(x, x).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Must specify `validation_steps` to perform validation when doing step-wise training.");
        assertThatThrownBy(() -> FitOptions.builder().validationFreq(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("`validation_freq` can not be less than 1.");
        assertThatThrownBy(() -> FitOptions.builder().validationData(List.of(x)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("however it contains 1 items");
        assertThatThrownBy(() -> model.fit(List.of(io.kerflux.streams.Batch.of(x, x)).iterator(),
                FitOptions.builder().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("`steps_per_epoch=None` is only valid for a generator based on the "
                        + "`keras.utils.Sequence` class.");
        assertThatThrownBy(() -> model.fit(List.of(io.kerflux.streams.Batch.of(x, x)).iterator(),
                FitOptions.builder().stepsPerEpoch(1).batchSize(3).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The `batch_size` argument must not be specified when using a generator or Sequence as an input.");
        assertThatThrownBy(() -> model.fit(List.of(io.kerflux.streams.Batch.of(x, x)).iterator(),
                FitOptions.builder().stepsPerEpoch(1).validationSplit(0.5).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("If your data is in the form of a Python generator, you cannot use `validation_split`.");
        Sequential uncompiled = Sequential.builder().build();
        uncompiled.add(new Dense(1).inputShape(1));
        assertThatThrownBy(() -> uncompiled.fit(x, x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("You must compile a model before training/testing");
    }

    @Test
    void classWeightsWeightTheTrainingLoss() {
        Sequential model = linear(0);
        model.optimizer().learningRate(0);
        // predictions 0; per-sample mse 1, 0, 1 for y = 1, 0, 1; weights {0: 1, 1: .5} -> (0.5 + 0 + 0.5)/3
        History h = model.fit(col(1, 1, 1), col(1, 0, 1), FitOptions.builder().classWeight(Map.of(0, 1.0, 1, 0.5))
                .verbose(0).build());
        assertThat(h.history().get("loss").get(0)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void statefulModelsEnforceTheBatchSizeRules() {
        Sequential model = Sequential.builder().dtype(DataType.DOUBLE).seed(2).build();
        model.add(io.kerflux.core.layers.LSTM.builder(2).stateful(true).batchSize(4).inputShape(3, 1).build());
        model.add(new Dense(1));
        model.compile("sgd", "mse");
        INDArray six = Nd4j.rand(DataType.DOUBLE, 6, 3, 1);
        INDArray eight = Nd4j.rand(DataType.DOUBLE, 8, 3, 1);
        String message = "In a stateful network, you should only pass inputs with a number of samples that can be "
                + "divided by the batch size. Found: 6 samples. Batch size: 4.";
        assertThatThrownBy(() -> model.fit(six, Nd4j.ones(DataType.DOUBLE, 6, 1), FitOptions.builder().verbose(0).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> model.evaluate(six, Nd4j.ones(DataType.DOUBLE, 6, 1),
                EvaluateOptions.builder().verbose(0).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> model.predict(six)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> model.fit(eight, Nd4j.ones(DataType.DOUBLE, 8, 1),
                FitOptions.builder().batchSize(2).verbose(0).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The `batch_size` argument value 2 is incompatible with the specified batch size of your "
                        + "Input Layer: 4");
        // a multiple of the batch size predicts and trains (§3.8)
        assertThat(model.predict(eight).shape()).containsExactly(8, 1);
        History h = model.fit(eight, Nd4j.ones(DataType.DOUBLE, 8, 1), FitOptions.builder().verbose(0).build());
        assertThat(h.epoch()).containsExactly(0);
    }
}
