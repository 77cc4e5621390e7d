package io.kerflux.core.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What happens during a run, as plain values: numbers and names, never tensors.
 *
 * <p>Each event is named after the Keras hook it mirrors ({@code on_train_batch_end} →
 * {@link TrainBatchEnd}) and carries the run it belongs to, so one subscriber to {@code
 * model.events()} can follow several runs. Events serialize with Jackson to JSON objects with a
 * {@code "type"} field ({@code {"type":"EpochEnd","run":1,"epoch":0,"logs":{"loss":0.5}}}).
 * Epochs are 0-based, as in Keras' hooks.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(TrainingEvent.TrainBegin.class),
    @JsonSubTypes.Type(TrainingEvent.EpochBegin.class),
    @JsonSubTypes.Type(TrainingEvent.TrainBatchEnd.class),
    @JsonSubTypes.Type(TrainingEvent.TestBegin.class),
    @JsonSubTypes.Type(TrainingEvent.TestBatchEnd.class),
    @JsonSubTypes.Type(TrainingEvent.TestEnd.class),
    @JsonSubTypes.Type(TrainingEvent.EpochEnd.class),
    @JsonSubTypes.Type(TrainingEvent.TrainEnd.class),
    @JsonSubTypes.Type(TrainingEvent.PredictBatchEnd.class)
})
public sealed interface TrainingEvent {

    /** @return the run's number, unique per model, counting from 1 */
    long run();

    /** @return true for events a slow subscriber may lose (batch events); epoch and run events are never dropped */
    default boolean droppable() {
        return false;
    }

    /**
     * A fit started ({@code on_train_begin}).
     *
     * @param run the run
     * @param epochs the final epoch index (fit's epochs argument)
     * @param steps batches per epoch, or -1 when unknown
     * @param metrics the names that epoch logs will hold
     */
    record TrainBegin(long run, int epochs, long steps, List<String> metrics) implements TrainingEvent { }

    /** @param run the run @param epoch 0-based epoch */
    record EpochBegin(long run, int epoch) implements TrainingEvent { }

    /**
     * A training step ended ({@code on_train_batch_end}).
     *
     * @param run the run
     * @param epoch 0-based epoch
     * @param batch index in the epoch
     * @param logs batch, size, loss and running metrics
     */
    record TrainBatchEnd(long run, int epoch, int batch, Map<String, Double> logs) implements TrainingEvent {
        @Override
        public boolean droppable() {
            return true;
        }
    }

    /** @param run the run @param epoch the epoch being validated, or -1 for evaluate */
    record TestBegin(long run, int epoch) implements TrainingEvent { }

    /**
     * An evaluation step ended ({@code on_test_batch_end}).
     *
     * @param run the run
     * @param batch index
     * @param logs batch, size, loss and metrics
     */
    record TestBatchEnd(long run, int batch, Map<String, Double> logs) implements TrainingEvent {
        @Override
        public boolean droppable() {
            return true;
        }
    }

    /** @param run the run @param logs the evaluation results (no {@code val_} prefix) */
    record TestEnd(long run, Map<String, Double> logs) implements TrainingEvent { }

    /**
     * An epoch ended, after validation ({@code on_epoch_end}).
     *
     * @param run the run
     * @param epoch 0-based epoch
     * @param logs training averages, {@code val_*} entries, lr when set
     */
    record EpochEnd(long run, int epoch, Map<String, Double> logs) implements TrainingEvent { }

    /**
     * The fit ended ({@code on_train_end}), normally, stopped or failed.
     *
     * @param run the run
     * @param epochsRun the number of epochs that ran
     * @param error the failure's message, or null when it ended normally
     */
    record TrainEnd(long run, int epochsRun, @Nullable String error) implements TrainingEvent { }

    /** @param run the run @param batch index @param size samples in the batch */
    record PredictBatchEnd(long run, int batch, long size) implements TrainingEvent {
        @Override
        public boolean droppable() {
            return true;
        }
    }
}
