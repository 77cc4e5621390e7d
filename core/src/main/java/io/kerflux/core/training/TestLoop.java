package io.kerflux.core.training;

import io.kerflux.core.callbacks.Logs;
import io.kerflux.core.events.TrainingEvent;
import io.kerflux.core.models.Sequential;
import io.kerflux.streams.Batch;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One evaluation pass (evaluate, or the validation inside fit): test steps over a cursor, Keras'
 * on_test_* hooks, and the averaged results (KERAS_SEMANTICS.md §5: the loss averaged over the
 * samples, the metrics as their final state).
 */
final class TestLoop {
    private final Sequential model;
    private final CallbackList callbacks;
    private final long run;
    private final int epoch;
    private final boolean wholeArraySteps;
    private final LongConsumer progress;
    private double lossSum;
    private long samples;
    private int steps;
    private double[] last = new double[0];

    /**
     * @param model the model
     * @param callbacks whose on_test_* hooks run
     * @param run the run number for events
     * @param epoch the epoch being validated, or -1 for evaluate
     * @param wholeArraySteps Keras 2.3's steps with arrays (each step is all samples; logs say size 1)
     * @param progress receives the progress count after each batch (samples or steps)
     */
    TestLoop(Sequential model, CallbackList callbacks, long run, int epoch, boolean wholeArraySteps,
            LongConsumer progress) {
        this.model = model;
        this.callbacks = callbacks;
        this.run = run;
        this.epoch = epoch;
        this.wholeArraySteps = wholeArraySteps;
        this.progress = progress;
    }

    /**
     * The pass as events; the results go to {@code onResult} before TestEnd is emitted.
     *
     * @param cursor the batches
     * @param stepLimit batches to read, or empty to read until the source ends
     * @param onResult receives "loss" and the metrics (names without prefix)
     * @return the events TestBegin, TestBatchEnd*, TestEnd
     */
    Flux<TrainingEvent> run(BatchCursor cursor, OptionalInt stepLimit, Consumer<Logs> onResult) {
        return Flux.concat(
                Mono.fromCallable(() -> {
                    model.resetMetrics();
                    callbacks.onTestBegin(new Logs());
                    return new TrainingEvent.TestBegin(run, epoch);
                }),
                Flux.range(0, stepLimit.orElse(Integer.MAX_VALUE))
                        .takeWhile(i -> !cursor.exhausted())
                        .concatMap(i -> cursor.next().map(batch -> step(i, batch)), 0),
                Mono.fromCallable(() -> {
                    Logs results = results();
                    onResult.accept(results);
                    callbacks.onTestEnd(new Logs());
                    return new TrainingEvent.TestEnd(run, results.snapshot());
                }));
    }

    private TrainingEvent step(int i, Batch batch) {
        try (batch) {
            if (batch.size() == 0) {
                throw new IllegalArgumentException("Received an empty batch. Batches should contain at least one item.");
            }
            if (batch.y() == null) {
                throw new IllegalArgumentException("Output of generator should be a tuple `(x, y, sample_weight)` or "
                        + "`(x, y)`. Found a batch without targets y at index " + i);
            }
            long size = batch.size();
            Logs logs = new Logs().put("batch", i).put("size", wholeArraySteps ? 1 : size);
            callbacks.onTestBatchBegin(i, logs);
            double[] v = model.testOnBatch(batch.x(), batch.y(), batch.sampleWeight(), false);
            List<String> names = model.metricsNames();
            for (int k = 0; k < v.length; k++) {
                logs.put(names.get(k), v[k]);
            }
            batch.acknowledge();
            lossSum += v[0] * size;
            samples += size;
            steps++;
            last = v;
            progress.accept(wholeArraySteps ? steps : samples);
            callbacks.onTestBatchEnd(i, logs);
            return new TrainingEvent.TestBatchEnd(run, i, logs.snapshot());
        }
    }

    private Logs results() {
        if (steps == 0) {
            throw new IllegalStateException("The evaluation read no batch: the data source was empty.");
        }
        List<String> names = model.metricsNames();
        Logs results = new Logs().put(names.get(0), lossSum / samples);
        for (int k = 1; k < names.size(); k++) {
            results.put(names.get(k), last[k]);
        }
        return results;
    }
}
