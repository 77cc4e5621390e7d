package io.kerflux.core.callbacks;

import io.kerflux.core.models.Sequential;
import io.kerflux.core.training.TrainingState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A set of hooks called during fit, evaluate and predict.
 *
 * <p>Keras equivalent: {@code keras.callbacks.Callback}. Every hook is a no-op by default.
 * Hooks run synchronously on the run's training thread, in the order the callbacks were given,
 * with Keras' logs (KERAS_SEMANTICS.md §7.1); a hook may change the logs, and a hook may stop
 * training with {@code model.stopTraining(true)}. The legacy {@link #onBatchBegin} / {@link
 * #onBatchEnd} are called by the default {@link #onTrainBatchBegin} / {@link #onTrainBatchEnd}, so
 * a callback that overrides either pair is called once per training batch.
 *
 * <p>Epochs are 0-based. Callbacks that only observe can instead subscribe to {@code
 * model.events()}, which never slows training.
 */
public interface Callback {

    /**
     * Receives the run's parameters before {@link #onTrainBegin} (Keras' {@code set_params}).
     *
     * @param params the parameters
     */
    default void setParams(TrainingParams params) { }

    /**
     * Receives the model before the run (Keras' {@code set_model}).
     *
     * @param model the model being trained, evaluated or used for prediction
     */
    default void setModel(Sequential model) { }

    /**
     * Receives the state of a fit before {@link #onTrainBegin} (fit only): the epoch, step and
     * source position, which a checkpoint callback saves and may resume from (Kerflux addition;
     * Keras' BackupAndRestore reaches the same state through the model's internals).
     *
     * @param state the run's state
     */
    default void setTrainingState(TrainingState state) { }

    /** @param logs empty */
    default void onTrainBegin(Logs logs) { }

    /** @param logs empty */
    default void onTrainEnd(Logs logs) { }

    /** @param epoch 0-based epoch index @param logs empty */
    default void onEpochBegin(int epoch, Logs logs) { }

    /**
     * End of an epoch, after validation.
     *
     * @param epoch 0-based epoch index
     * @param logs the epoch's averages: {@code val_*} entries, then loss and metrics (and "lr"
     *     when an LR callback adds it)
     */
    default void onEpochEnd(int epoch, Logs logs) { }

    /** @param batch index in the epoch @param logs "batch" and "size" */
    default void onTrainBatchBegin(int batch, Logs logs) {
        onBatchBegin(batch, logs);
    }

    /** @param batch index in the epoch @param logs "batch", "size", "loss" and the running metrics */
    default void onTrainBatchEnd(int batch, Logs logs) {
        onBatchEnd(batch, logs);
    }

    /** Legacy name of {@link #onTrainBatchBegin}. @param batch index @param logs "batch", "size" */
    default void onBatchBegin(int batch, Logs logs) { }

    /** Legacy name of {@link #onTrainBatchEnd}. @param batch index @param logs batch logs */
    default void onBatchEnd(int batch, Logs logs) { }

    /** @param logs empty */
    default void onTestBegin(Logs logs) { }

    /** @param logs empty */
    default void onTestEnd(Logs logs) { }

    /** @param batch index @param logs "batch" and "size" */
    default void onTestBatchBegin(int batch, Logs logs) { }

    /** @param batch index @param logs "batch", "size", "loss" and metrics (no {@code val_} prefix) */
    default void onTestBatchEnd(int batch, Logs logs) { }

    /** @param logs empty */
    default void onPredictBegin(Logs logs) { }

    /** @param logs empty */
    default void onPredictEnd(Logs logs) { }

    /** @param batch index @param logs "batch" and "size" */
    default void onPredictBatchBegin(int batch, Logs logs) { }

    /**
     * End of a prediction batch. Keras puts the outputs into the logs; Kerflux logs hold numbers
     * only, so the outputs come as their own argument.
     *
     * @param batch index
     * @param logs "batch" and "size"
     * @param outputs the batch's predictions
     */
    default void onPredictBatchEnd(int batch, Logs logs, INDArray outputs) { }
}
