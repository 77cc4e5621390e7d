package io.kerflux.core.training;

import io.kerflux.core.callbacks.BaseLogger;
import io.kerflux.core.callbacks.Callback;
import io.kerflux.core.callbacks.History;
import io.kerflux.core.callbacks.Logs;
import io.kerflux.core.callbacks.ProgbarLogger;
import io.kerflux.core.callbacks.TrainingParams;
import io.kerflux.core.events.TrainingEvent;
import io.kerflux.core.models.Sequential;
import io.kerflux.streams.Batch;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One fit: Keras' training loop as a Reactor pipeline (KERAS_SEMANTICS.md §6, §7).
 *
 * <pre>
 * TrainBegin (a callback may resume the run from a saved epoch, step and source position)
 * range(initialEpoch, epochs)  concatMap (one epoch at a time, no prefetch):
 *     EpochBegin
 *     range(steps) takeWhile(no stop, data left)  concatMap(cursor.next → publishOn(trainer) → train step)
 *     validation (when due and the epoch ran to its end)
 *     EpochEnd
 *   takeUntil(EpochEnd with stop requested)
 * TrainEnd
 * </pre>
 *
 * Every step and hook runs on the run's single training thread; loader threads only fill the
 * cursors.
 */
final class FitRun {
    private static final System.Logger LOG = System.getLogger(FitRun.class.getName());

    private final Sequential model;
    private final FitOptions options;
    private final long run;
    private final Plan plan;
    private final History history = new History();
    private final CallbackList callbacks;
    private final PrintStream out;
    private final List<BatchCursor> cursors = new ArrayList<>();
    private @Nullable BatchCursor trainCursor;
    private @Nullable BatchCursor validationCursor;
    private @Nullable Scheduler trainer;
    private final TrainingState state;
    private Sources.Prepared train;
    private int startEpoch;
    private int firstStep;
    private Logs epochLogs = new Logs();
    private int stepsDone;
    private int epochsRun;
    private boolean ended;

    /**
     * What the checks of {@link FitPlanner} decided.
     *
     * @param train the training batches
     * @param validation the validation batches, or null
     * @param validationSteps validation batches per run, or empty to read until the end
     * @param classWeight class weights applied per batch (generators), or null
     * @param wholeArraySteps Keras 2.3's steps_per_epoch with arrays
     * @param params what callbacks are told
     * @param countSteps whether the progress bar counts steps (else samples)
     * @param banner the "Train on … samples" line, or null
     */
    record Plan(Sources.Prepared train, Sources.@Nullable Prepared validation, OptionalInt validationSteps,
            @Nullable Map<Integer, Double> classWeight, boolean wholeArraySteps, TrainingParams params,
            boolean countSteps, @Nullable String banner) { }

    FitRun(Sequential model, FitOptions options, long run, Plan plan, PrintStream out) {
        this.model = model;
        this.options = options;
        this.run = run;
        this.plan = plan;
        this.out = out;
        this.train = plan.train();
        this.startEpoch = options.initialEpoch();
        this.state = new TrainingState(options.epochs(), options.initialEpoch(), train.seed());
        List<Callback> all = new ArrayList<>();
        all.add(new BaseLogger());
        if (options.verbose() > 0) {
            all.add(ProgbarLogger.builder().countMode(plan.countSteps() ? "steps" : "samples").out(out).build());
        }
        all.addAll(options.callbacks());
        all.add(history);
        this.callbacks = new CallbackList(all);
    }

    /** @return the History callback of this run (filled as it runs) */
    History history() {
        return history;
    }

    /** @return the run as a cold flux of events */
    Flux<TrainingEvent> events() {
        return Flux.using(
                () -> {
                    trainer = Schedulers.newSingle("kerflux-trainer-" + run);
                    return trainer;
                },
                t -> Flux.concat(
                                Mono.fromCallable(this::trainBegin),
                                Flux.defer(() -> Flux.range(startEpoch, Math.max(0, options.epochs() - startEpoch)))
                                        .concatMap(this::epoch, 0)
                                        .takeUntil(e -> e instanceof TrainingEvent.EpochEnd && model.stopTraining()),
                                Mono.fromCallable(this::trainEnd))
                        .subscribeOn(t),
                this::release);
    }

    private TrainingEvent trainBegin() {
        model.stopTraining(false);
        callbacks.setModel(model);
        callbacks.setParams(plan.params());
        callbacks.setTrainingState(state);
        if (plan.banner() != null && options.verbose() > 0) {
            out.println(plan.banner());
        }
        callbacks.onTrainBegin(new Logs());
        TrainingState.Position resume = state.takeResume();
        if (resume != null) {
            OptionalInt steps = train.stepsNow();
            if (steps.isPresent() && resume.step() > steps.getAsInt()) {
                throw new IllegalArgumentException("Cannot resume after " + resume.step() + " batches of an epoch of "
                        + steps.getAsInt() + " steps.");
            }
            startEpoch = resume.epoch();
            firstStep = resume.step();
            train = train.resumed(resume.source());
        }
        OptionalLong steps = plan.params().steps();
        return new TrainingEvent.TrainBegin(run, options.epochs(), steps.orElse(-1), plan.params().metrics());
    }

    private Flux<TrainingEvent> epoch(int epoch) {
        return Flux.concat(
                Mono.fromCallable(() -> {
                    model.resetMetrics();
                    epochLogs = new Logs();
                    stepsDone = epoch == startEpoch ? firstStep : 0;
                    state.beginEpoch(epoch, stepsDone);
                    callbacks.onEpochBegin(epoch, new Logs());
                    return new TrainingEvent.EpochBegin(run, epoch);
                }),
                Flux.defer(() -> trainSteps(epoch)),
                Flux.defer(() -> validationDue(epoch) ? validation(epoch) : Flux.empty()),
                Mono.fromCallable(() -> {
                    callbacks.onEpochEnd(epoch, epochLogs);
                    epochsRun++;
                    return new TrainingEvent.EpochEnd(run, epoch, epochLogs.snapshot());
                }));
    }

    private Flux<TrainingEvent> trainSteps(int epoch) {
        OptionalInt steps = train.stepsNow();
        BatchCursor cursor = steps.isPresent() ? persistentTrainCursor() : track(new BatchCursor(train.batches(), trainer));
        int first = stepsDone;
        return Flux.range(first, steps.orElse(Integer.MAX_VALUE) - first)
                .takeWhile(i -> !model.stopTraining() && !cursor.exhausted())
                .concatMap(i -> cursor.next().map(batch -> trainStep(epoch, i, batch)), 0)
                .doOnComplete(() -> {
                    if (steps.isPresent() && stepsDone < steps.getAsInt() && cursor.exhausted()) {
                        LOG.log(System.Logger.Level.WARNING, "Your input ran out of data; interrupting training. "
                                + "Make sure that your dataset or generator can generate at least "
                                + "`steps_per_epoch * epochs` batches (in this case, "
                                + (long) steps.getAsInt() * options.epochs() + " batches).");
                        model.stopTraining(true);
                    }
                    if (steps.isEmpty()) {
                        endCursor(cursor);
                    }
                });
    }

    private TrainingEvent trainStep(int epoch, int i, Batch batch) {
        try (batch) {
            if (batch.y() == null) {
                throw new IllegalArgumentException("Output of generator should be a tuple `(x, y, sample_weight)` or "
                        + "`(x, y)`. Found a batch without targets y at step " + i + " of epoch " + epoch);
            }
            Logs logs = new Logs().put("batch", i).put("size", plan.wholeArraySteps() ? 1 : batch.size());
            callbacks.onTrainBatchBegin(i, logs);
            double[] v = model.trainOnBatch(batch.x(), batch.y(), batch.sampleWeight(), plan.classWeight(), false);
            List<String> names = model.metricsNames();
            for (int k = 0; k < v.length; k++) {
                logs.put(names.get(k), v[k]);
            }
            batch.acknowledge();
            stepsDone++;
            state.trained();
            callbacks.onTrainBatchEnd(i, logs);
            return new TrainingEvent.TrainBatchEnd(run, epoch, i, logs.snapshot());
        }
    }

    /** Validation runs after an epoch that ran to its end and that validation_freq selects. */
    private boolean validationDue(int epoch) {
        if (plan.validation() == null || model.stopTraining() || !options.validatesAfter(epoch)) {
            return false;
        }
        OptionalInt steps = train.stepsNow();
        return steps.isEmpty() || stepsDone >= steps.getAsInt();
    }

    private Flux<TrainingEvent> validation(int epoch) {
        Sources.Prepared val = plan.validation();
        BatchCursor cursor;
        if (val.reusable()) {
            cursor = track(new BatchCursor(val.batches(), trainer));
        } else {
            if (validationCursor == null) {
                validationCursor = track(new BatchCursor(val.batches(), trainer));
            }
            cursor = validationCursor;
        }
        OptionalInt steps = plan.validationSteps().isPresent() ? plan.validationSteps() : val.stepsNow();
        TestLoop loop = new TestLoop(model, callbacks, run, epoch, plan.wholeArraySteps(), n -> { });
        return loop.run(cursor, steps, results -> {
            for (String key : results.keys()) {
                epochLogs.put("val_" + key, results.require(key));
            }
        }).doOnComplete(() -> {
            if (val.reusable()) {
                endCursor(cursor);
            }
        });
    }

    private TrainingEvent trainEnd() {
        ended = true;
        state.complete();
        callbacks.onTrainEnd(new Logs());
        return new TrainingEvent.TrainEnd(run, epochsRun, null);
    }

    private BatchCursor persistentTrainCursor() {
        if (trainCursor == null) {
            trainCursor = track(new BatchCursor(train.batches(), trainer));
        }
        return trainCursor;
    }

    private BatchCursor track(BatchCursor cursor) {
        cursors.add(cursor);
        return cursor;
    }

    /** Ends a cursor used for one epoch or one validation run. */
    private void endCursor(BatchCursor cursor) {
        cursor.dispose();
        cursors.remove(cursor);
    }

    /**
     * Ends the run's resources: cancels every source (closing batches loaded but not used) and
     * lets the training thread finish its current step before it stops. A run that was cancelled
     * or failed still gets on_train_end on its training thread, so callbacks can close files.
     */
    private void release(Scheduler t) {
        t.schedule(() -> {
            cursors.forEach(BatchCursor::dispose);
            if (!ended) {
                ended = true;
                try {
                    callbacks.onTrainEnd(new Logs());
                } catch (RuntimeException e) {
                    // The run has already ended (cancelled or failed); report, do not mask its outcome.
                    LOG.log(System.Logger.Level.WARNING, "on_train_end failed after the run stopped", e);
                }
            }
        });
        t.disposeGracefully().subscribe();
    }

    /** @return the number of epochs that ran to their end event */
    int epochsRun() {
        return epochsRun;
    }
}
