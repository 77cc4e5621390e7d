package io.kerflux.core.training;

import io.kerflux.core.callbacks.Callback;
import io.kerflux.core.callbacks.Logs;
import io.kerflux.core.callbacks.TrainingParams;
import io.kerflux.core.models.Sequential;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras' {@code CallbackList}: calls each hook on every callback, in order, on the training thread. */
final class CallbackList {
    private final List<Callback> callbacks;

    CallbackList(List<Callback> callbacks) {
        this.callbacks = List.copyOf(callbacks);
    }

    void setModel(Sequential model) {
        callbacks.forEach(c -> c.setModel(model));
    }

    void setParams(TrainingParams params) {
        callbacks.forEach(c -> c.setParams(params));
    }

    void setTrainingState(TrainingState state) {
        callbacks.forEach(c -> c.setTrainingState(state));
    }

    void onTrainBegin(Logs logs) {
        callbacks.forEach(c -> c.onTrainBegin(logs));
    }

    void onTrainEnd(Logs logs) {
        callbacks.forEach(c -> c.onTrainEnd(logs));
    }

    void onEpochBegin(int epoch, Logs logs) {
        callbacks.forEach(c -> c.onEpochBegin(epoch, logs));
    }

    void onEpochEnd(int epoch, Logs logs) {
        callbacks.forEach(c -> c.onEpochEnd(epoch, logs));
    }

    void onTrainBatchBegin(int batch, Logs logs) {
        callbacks.forEach(c -> c.onTrainBatchBegin(batch, logs));
    }

    void onTrainBatchEnd(int batch, Logs logs) {
        callbacks.forEach(c -> c.onTrainBatchEnd(batch, logs));
    }

    void onTestBegin(Logs logs) {
        callbacks.forEach(c -> c.onTestBegin(logs));
    }

    void onTestEnd(Logs logs) {
        callbacks.forEach(c -> c.onTestEnd(logs));
    }

    void onTestBatchBegin(int batch, Logs logs) {
        callbacks.forEach(c -> c.onTestBatchBegin(batch, logs));
    }

    void onTestBatchEnd(int batch, Logs logs) {
        callbacks.forEach(c -> c.onTestBatchEnd(batch, logs));
    }

    void onPredictBegin(Logs logs) {
        callbacks.forEach(c -> c.onPredictBegin(logs));
    }

    void onPredictEnd(Logs logs) {
        callbacks.forEach(c -> c.onPredictEnd(logs));
    }

    void onPredictBatchBegin(int batch, Logs logs) {
        callbacks.forEach(c -> c.onPredictBatchBegin(batch, logs));
    }

    void onPredictBatchEnd(int batch, Logs logs, INDArray outputs) {
        callbacks.forEach(c -> c.onPredictBatchEnd(batch, logs, outputs));
    }
}
