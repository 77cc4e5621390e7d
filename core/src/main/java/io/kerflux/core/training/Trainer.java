package io.kerflux.core.training;

import io.kerflux.core.callbacks.Logs;
import io.kerflux.core.callbacks.Progbar;
import io.kerflux.core.callbacks.TrainingParams;
import io.kerflux.core.events.TrainingEvent;
import io.kerflux.core.models.InputChecks;
import io.kerflux.core.models.Sequential;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The training, evaluation and prediction loops of a {@link Sequential}, as Reactor pipelines.
 *
 * <p>Sequential's fit / evaluate / predict methods delegate here; the loop is kept apart from the
 * model's state. Each run gets its own single training thread; every step and every callback hook
 * runs there, and the model's hot event stream receives every event of the run.
 */
public final class Trainer {
    private Trainer() { }

    /**
     * Prepares a fit: checks the arguments at once, as Keras does, and returns the run, whose
     * events flux is cold: subscribing trains and emits the events; cancelling stops after the
     * current step.
     *
     * @param model the compiled model
     * @param source the training data
     * @param options fit's arguments
     * @param run the run number
     * @param hub the model's hot event stream
     * @param out where progress and messages go
     * @return the run
     * @throws IllegalArgumentException for arguments Keras rejects
     * @throws IllegalStateException if the model is not compiled
     */
    public static TrainingRun fit(Sequential model, DataSource source, FitOptions options, long run, EventHub hub,
            PrintStream out) {
        FitRun.Plan plan = FitPlanner.plan(model, source, options);
        FitRun fitRun = new FitRun(model, options, run, plan, out);
        Flux<TrainingEvent> events = fitRun.events()
                .doOnNext(hub::publish)
                .doOnError(e -> hub.publish(new TrainingEvent.TrainEnd(run, fitRun.epochsRun(), String.valueOf(e))));
        return new TrainingRun(events, fitRun.history());
    }

    /**
     * Evaluates the model ({@code evaluate} / {@code evaluate_generator}).
     *
     * @param model the compiled model
     * @param source the data
     * @param options evaluate's arguments
     * @param run the run number
     * @param hub the model's hot event stream
     * @param out where the progress bar goes
     * @return the loss and metrics in metrics_names order
     */
    public static Mono<Evaluation> evaluate(Sequential model, DataSource source, EvaluateOptions options, long run,
            EventHub hub, PrintStream out) {
        FitPlanner.requireCompiled(model);
        boolean wholeArraySteps = source instanceof DataSource.Arrays && options.steps().isPresent();
        Sources.Prepared data = prepare(model, source, options.batchSize(), options.steps(), options.sampleWeight(),
                options.maxQueueSize(), options.workers(), options.useMultiprocessing(), false);
        CallbackList callbacks = new CallbackList(options.callbacks());
        callbacks.setModel(model);
        callbacks.setParams(new TrainingParams(OptionalLong.empty(), 1, OptionalLong.empty(), OptionalLong.empty(),
                options.verbose(), false, model.metricsNames()));
        LongConsumer progress = progress(options.verbose(), data, source, wholeArraySteps, out);
        TestLoop loop = new TestLoop(model, callbacks, run, -1, wholeArraySteps, progress);
        AtomicReference<Logs> results = new AtomicReference<>();
        Flux<TrainingEvent> events = onTrainingThread(run, t -> {
            BatchCursor cursor = new BatchCursor(data.batches(), t);
            return loop.run(cursor, data.stepsNow(), results::set).doFinally(s -> cursor.dispose());
        });
        return events.doOnNext(hub::publish).then(Mono.fromCallable(() -> {
            Logs r = results.get();
            List<String> names = model.metricsNames();
            return new Evaluation(names, names.stream().map(r::require).toList());
        }));
    }

    /**
     * Predicts ({@code predict} / {@code predict_generator}); needs no compile.
     *
     * @param model the model
     * @param source the inputs (targets in batches are ignored)
     * @param options predict's arguments
     * @param run the run number
     * @param hub the model's hot event stream
     * @param out where the progress bar goes
     * @return the outputs of all batches, concatenated along the batch axis
     */
    public static Mono<INDArray> predict(Sequential model, DataSource source, PredictOptions options, long run,
            EventHub hub, PrintStream out) {
        boolean wholeArraySteps = source instanceof DataSource.Arrays && options.steps().isPresent();
        Sources.Prepared data = prepare(model, source, options.batchSize(), options.steps(), null,
                options.maxQueueSize(), options.workers(), options.useMultiprocessing(), true);
        CallbackList callbacks = new CallbackList(options.callbacks());
        callbacks.setModel(model);
        LongConsumer progress = progress(options.verbose(), data, source, wholeArraySteps, out);
        PredictLoop loop = new PredictLoop(model, callbacks, run, wholeArraySteps, progress);
        Flux<TrainingEvent> events = onTrainingThread(run, t -> {
            BatchCursor cursor = new BatchCursor(data.batches(), t);
            return loop.run(cursor, data.stepsNow()).doFinally(s -> cursor.dispose());
        });
        return events.doOnNext(hub::publish).then(Mono.fromCallable(loop::result));
    }

    private static Sources.Prepared prepare(Sequential model, DataSource source, OptionalInt batchSize,
            OptionalInt steps, @Nullable INDArray sampleWeight, int maxQueueSize, int workers, boolean useMultiprocessing,
            boolean predicting) {
        if (source instanceof DataSource.Arrays a) {
            INDArray x = InputChecks.standardize(a.x(), model.dtype());
            INDArray y = predicting || a.y() == null ? null : InputChecks.standardize(a.y(), model.dtype());
            if (!predicting && y == null) {
                throw new IllegalArgumentException("evaluate needs targets: received y=None with array inputs.");
            }
            model.checkData(x, y);
            if (steps.isPresent() && batchSize.isPresent()) {
                throw new IllegalArgumentException("If steps is set, the `batch_size` must be None.");
            }
            int b = FitPlanner.batchSize(model, batchSize);
            long n = x.size(0);
            if (predicting) {
                if (model.isStateful() && n > b && n % b != 0) {
                    FitPlanner.checkStateful(model, n, b, false);
                }
            } else {
                FitPlanner.checkStateful(model, n, b, steps.isPresent());
            }
            return FitPlanner.inOrder(model, x, y, sampleWeight != null ? sampleWeight : a.sampleWeight(), b, steps);
        }
        FitPlanner.rejectArrayArguments(batchSize.isPresent(), sampleWeight != null);
        return FitPlanner.inOrder(source, steps, "steps", workers, maxQueueSize, useMultiprocessing);
    }

    /** Keras' evaluate/predict bar: counts samples for arrays, steps otherwise, shows no values. */
    private static LongConsumer progress(int verbose, Sources.Prepared data, DataSource source,
            boolean wholeArraySteps, PrintStream out) {
        if (verbose == 0) {
            return n -> { };
        }
        OptionalLong target;
        if (source instanceof DataSource.Arrays a && !wholeArraySteps) {
            target = OptionalLong.of(a.x().size(0));
        } else {
            OptionalInt steps = data.stepsNow();
            target = steps.isPresent() ? OptionalLong.of(steps.getAsInt()) : OptionalLong.empty();
        }
        Progbar bar = Progbar.builder(target).verbose(1).out(out).build();
        return n -> bar.update(n, List.of());
    }

    private static Flux<TrainingEvent> onTrainingThread(long run, Function<Scheduler, Flux<TrainingEvent>> body) {
        return Flux.using(() -> Schedulers.newSingle("kerflux-trainer-" + run),
                t -> body.apply(t).subscribeOn(t),
                t -> t.disposeGracefully().subscribe());
    }
}
