package io.kerflux.core.training;

import io.kerflux.core.callbacks.Logs;
import io.kerflux.core.events.TrainingEvent;
import io.kerflux.core.models.Sequential;
import io.kerflux.streams.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.LongConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One prediction pass: forward passes over a cursor, Keras' on_predict_* hooks, outputs concatenated. */
final class PredictLoop {
    private final Sequential model;
    private final CallbackList callbacks;
    private final long run;
    private final boolean wholeArraySteps;
    private final LongConsumer progress;
    private final List<INDArray> outputs = new ArrayList<>();
    private long samples;

    PredictLoop(Sequential model, CallbackList callbacks, long run, boolean wholeArraySteps, LongConsumer progress) {
        this.model = model;
        this.callbacks = callbacks;
        this.run = run;
        this.wholeArraySteps = wholeArraySteps;
        this.progress = progress;
    }

    Flux<TrainingEvent> run(BatchCursor cursor, OptionalInt stepLimit) {
        return Flux.concat(
                Mono.fromRunnable(() -> callbacks.onPredictBegin(new Logs())),
                Flux.range(0, stepLimit.orElse(Integer.MAX_VALUE))
                        .takeWhile(i -> !cursor.exhausted())
                        .concatMap(i -> cursor.next().map(batch -> step(i, batch)), 0),
                Mono.fromRunnable(() -> callbacks.onPredictEnd(new Logs())));
    }

    private TrainingEvent step(int i, Batch batch) {
        try (batch) {
            if (batch.size() == 0) {
                throw new IllegalArgumentException("Received an empty batch. Batches should contain at least one item.");
            }
            Logs logs = new Logs().put("batch", i).put("size", wholeArraySteps ? 1 : batch.size());
            callbacks.onPredictBatchBegin(i, logs);
            INDArray out = model.predictOnBatch(batch.x());
            batch.acknowledge();
            outputs.add(out);
            samples += batch.size();
            progress.accept(wholeArraySteps ? outputs.size() : samples);
            callbacks.onPredictBatchEnd(i, logs, out);
            return new TrainingEvent.PredictBatchEnd(run, i, batch.size());
        }
    }

    /** @return the outputs of all batches, concatenated along the batch axis */
    INDArray result() {
        if (outputs.isEmpty()) {
            throw new IllegalStateException("predict read no batch: the data source was empty.");
        }
        return outputs.size() == 1 ? outputs.get(0) : Nd4j.concat(0, outputs.toArray(INDArray[]::new));
    }
}
