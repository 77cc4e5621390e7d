package io.kerflux.core.training;

import io.kerflux.core.callbacks.TrainingParams;
import io.kerflux.core.models.InputChecks;
import io.kerflux.core.models.Sequential;
import io.kerflux.streams.LoadOptions;
import io.kerflux.streams.Shuffle;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Checks fit's arguments against the source (KERAS_SEMANTICS.md §3, §6, §8, §13) and decides the
 * plan: batch size, epoch length, validation source, weights. Everything that Keras rejects with
 * a ValueError is rejected here, before any training starts.
 */
final class FitPlanner {
    private static final System.Logger LOG = System.getLogger(FitPlanner.class.getName());
    static final String GENERATOR_MULTIPROCESSING_WARNING = "Using a generator with `use_multiprocessing=True` and "
            + "multiple workers may duplicate your data. Please consider using the `keras.utils.Sequence class.` "
            + "(On the JVM a generator is always pulled by one loader thread, so Kerflux never duplicates it.)";

    private FitPlanner() { }

    static FitRun.Plan plan(Sequential model, DataSource source, FitOptions o) {
        requireCompiled(model);
        if (source instanceof DataSource.Arrays a) {
            return arrays(model, a, o);
        }
        return generator(model, source, o);
    }

    static void requireCompiled(Sequential model) {
        if (!model.isCompiled()) {
            throw new IllegalStateException(
                    "You must compile a model before training/testing. Use `model.compile(optimizer, loss)`.");
        }
    }

    private static FitRun.Plan arrays(Sequential model, DataSource.Arrays a, FitOptions o) {
        if (a.y() == null) {
            throw new IllegalArgumentException("fit needs targets: received y=None with array inputs. Pass fit(x, y, …).");
        }
        INDArray x = InputChecks.standardize(a.x(), model.dtype());
        INDArray y = InputChecks.standardize(a.y(), model.dtype());
        model.checkData(x, y);
        if (o.stepsPerEpoch().isPresent() && o.batchSize().isPresent()) {
            throw new IllegalArgumentException("If steps_per_epoch is set, the `batch_size` must be None.");
        }
        if (o.validationSteps().isPresent() && o.stepsPerEpoch().isEmpty()) {
            throw new IllegalArgumentException("Can only use `validation_steps` when doing step-wise training, i.e. "
                    + "`steps_per_epoch` must be set.");
        }
        int batchSize = batchSize(model, o.batchSize());
        INDArray sampleWeight = o.sampleWeight() != null ? o.sampleWeight() : a.sampleWeight();
        INDArray weights = InputChecks.weights(y, sampleWeight, o.classWeight(), model.temporalSampleWeights(),
                model.dtype());
        Sources.Prepared validation = null;
        String banner = null;
        long n = x.size(0);
        long trainSamples = n;
        if (o.validationData() != null) {
            validation = validationSource(model, o.validationData(), batchSize, o);
        } else if (o.validationSplit() > 0 && o.validationSplit() < 1) {
            long splitAt = (long) (n * (1.0 - o.validationSplit()));
            if (splitAt <= 0 || splitAt >= n) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit() + " leaves "
                        + splitAt + " training and " + (n - splitAt) + " validation samples out of " + n
                        + "; both parts need at least one sample.");
            }
            INDArray xv = rows(x, splitAt, n);
            INDArray yv = rows(y, splitAt, n);
            INDArray wv = weights == null ? null : rows(weights, splitAt, n);
            x = rows(x, 0, splitAt);
            y = rows(y, 0, splitAt);
            weights = weights == null ? null : rows(weights, 0, splitAt);
            trainSamples = splitAt;
            validation = Sources.arrays(xv, yv, wv, batchSize, Shuffle.FALSE, o.validationSteps(), model.drawSeed());
        }
        if (validation != null && o.stepsPerEpoch().isPresent() && o.validationSteps().isEmpty()) {
            throw new IllegalArgumentException("Must specify `validation_steps` to perform validation when doing "
                    + "step-wise training.");
        }
        checkStateful(model, trainSamples, batchSize, o.stepsPerEpoch().isPresent());
        if (validation != null && o.validationData() == null) {
            banner = "Train on " + trainSamples + " samples, validate on " + (n - trainSamples) + " samples";
        } else if (validation != null && o.validationData() instanceof DataSource.Arrays va) {
            banner = "Train on " + trainSamples + " samples, validate on " + va.x().size(0) + " samples";
        }
        Sources.Prepared train = Sources.arrays(x, y, weights, batchSize, o.shuffle(), o.stepsPerEpoch(),
                model.drawSeed());
        boolean steps = o.stepsPerEpoch().isPresent();
        TrainingParams params = new TrainingParams(OptionalLong.of(batchSize), o.epochs(),
                steps ? OptionalLong.of(o.stepsPerEpoch().getAsInt()) : OptionalLong.empty(),
                steps ? OptionalLong.empty() : OptionalLong.of(trainSamples), o.verbose(), validation != null,
                callbackMetrics(model, validation != null));
        return new FitRun.Plan(train, validation, o.validationSteps(), null, steps, params, steps, banner);
    }

    private static FitRun.Plan generator(Sequential model, DataSource source, FitOptions o) {
        rejectArrayArguments(o.batchSize().isPresent(), o.sampleWeight() != null);
        if (o.validationSplit() != 0) {
            throw new IllegalArgumentException("If your data is in the form of a Python generator, you cannot use "
                    + "`validation_split`. Received: validation_split=" + o.validationSplit());
        }
        requireStepsForPlainGenerators(source, o.stepsPerEpoch(), "steps_per_epoch");
        warnMultiprocessing(source, o.useMultiprocessing(), o.workers());
        LoadOptions load = new LoadOptions(o.workers(), o.maxQueueSize(), o.useMultiprocessing(),
                o.shuffle() != Shuffle.FALSE);
        Sources.Prepared train = Sources.generator(source, o.stepsPerEpoch(), load, model.drawSeed());
        Sources.Prepared validation = o.validationData() == null ? null
                : validationSource(model, o.validationData(), 32, o);
        OptionalInt steps = train.stepsNow();
        TrainingParams params = new TrainingParams(OptionalLong.empty(), o.epochs(),
                steps.isPresent() ? OptionalLong.of(steps.getAsInt()) : OptionalLong.empty(), OptionalLong.empty(),
                o.verbose(), validation != null, callbackMetrics(model, validation != null));
        return new FitRun.Plan(train, validation, o.validationSteps(), o.classWeight(), false, params, true, null);
    }

    private static Sources.Prepared validationSource(Sequential model, DataSource v, int batchSize, FitOptions o) {
        if (v instanceof DataSource.Arrays a) {
            if (a.y() == null) {
                throw new IllegalArgumentException("When passing validation_data, it must contain 2 (x_val, y_val) "
                        + "or 3 (x_val, y_val, val_sample_weights) items, however it contains 1 items");
            }
            INDArray x = InputChecks.standardize(a.x(), model.dtype());
            INDArray y = InputChecks.standardize(a.y(), model.dtype());
            model.checkData(x, y);
            return inOrder(model, x, y, a.sampleWeight(), batchSize, o.validationSteps());
        }
        return inOrder(v, o.validationSteps(), "validation_steps", o.workers(), o.maxQueueSize(),
                o.useMultiprocessing());
    }

    /**
     * Checked arrays read in order for evaluation or validation, weighted by their sample weights
     * only (class weights apply to training).
     */
    static Sources.Prepared inOrder(Sequential model, INDArray x, @Nullable INDArray y,
            @Nullable INDArray sampleWeight, int batchSize, OptionalInt steps) {
        INDArray w = y == null ? null
                : InputChecks.weights(y, sampleWeight, null, model.temporalSampleWeights(), model.dtype());
        return Sources.arrays(x, y, w, batchSize, Shuffle.FALSE, steps, 0);
    }

    /**
     * A Sequence or generator read in order (validation, evaluation, prediction); a plain
     * generator needs a step count.
     *
     * @param stepsArgument the Keras name of the step count, for the error
     */
    static Sources.Prepared inOrder(DataSource source, OptionalInt steps, String stepsArgument, int workers,
            int maxQueueSize, boolean useMultiprocessing) {
        requireStepsForPlainGenerators(source, steps, stepsArgument);
        warnMultiprocessing(source, useMultiprocessing, workers);
        return Sources.generator(source, steps, new LoadOptions(workers, maxQueueSize, useMultiprocessing, false), 0);
    }

    private static void requireStepsForPlainGenerators(DataSource source, OptionalInt steps, String stepsArgument) {
        if ((source instanceof DataSource.OfIterator || source instanceof DataSource.OfSupplier) && steps.isEmpty()) {
            throw new IllegalArgumentException("`" + stepsArgument + "=None` is only valid for a generator based on "
                    + "the `keras.utils.Sequence` class. Please specify `" + stepsArgument + "` or use the "
                    + "`keras.utils.Sequence` class.");
        }
    }

    static void rejectArrayArguments(boolean batchSize, boolean sampleWeight) {
        if (batchSize) {
            throw new IllegalArgumentException("The `batch_size` argument must not be specified when using a "
                    + "generator or Sequence as an input.");
        }
        if (sampleWeight) {
            throw new IllegalArgumentException("`sample_weight` argument is not supported when data is a generator "
                    + "or Sequence instance. Instead pass sample weights as the third element of the generator.");
        }
    }

    static void warnMultiprocessing(DataSource source, boolean useMultiprocessing, int workers) {
        if (source.isGenerator() && useMultiprocessing && workers > 1) {
            LOG.log(System.Logger.Level.WARNING, GENERATOR_MULTIPROCESSING_WARNING);
        }
    }

    /** Keras §3.7: None → the input layer's fixed batch size, else 32; a different one is an error. */
    static int batchSize(Sequential model, OptionalInt given) {
        OptionalLong fixed = model.fixedBatchSize();
        if (given.isPresent() && fixed.isPresent() && given.getAsInt() != fixed.getAsLong()) {
            throw new IllegalArgumentException("The `batch_size` argument value " + given.getAsInt()
                    + " is incompatible with the specified batch size of your Input Layer: " + fixed.getAsLong());
        }
        if (given.isPresent()) {
            return given.getAsInt();
        }
        return fixed.isPresent() ? Math.toIntExact(fixed.getAsLong()) : 32;
    }

    /** Keras §3.8 for fit and evaluate. */
    static void checkStateful(Sequential model, long samples, int batchSize, boolean wholeArraySteps) {
        if (model.isStateful() && !wholeArraySteps && samples % batchSize != 0) {
            throw new IllegalArgumentException("In a stateful network, you should only pass inputs with a number of "
                    + "samples that can be divided by the batch size. Found: " + samples + " samples. Batch size: "
                    + batchSize + ".");
        }
    }

    private static List<String> callbackMetrics(Sequential model, boolean validating) {
        List<String> names = new ArrayList<>(model.metricsNames());
        if (validating) {
            for (String n : model.metricsNames()) {
                names.add("val_" + n);
            }
        }
        return names;
    }

    static INDArray rows(INDArray a, long from, long to) {
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        index[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < index.length; i++) {
            index[i] = NDArrayIndex.all();
        }
        return a.get(index).dup();
    }
}
