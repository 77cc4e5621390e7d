package io.kerflux.core.models;

import io.kerflux.core.callbacks.History;
import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.events.TrainingEvent;
import io.kerflux.core.layers.BuildContext;
import io.kerflux.core.layers.InputLayer;
import io.kerflux.core.layers.Layer;
import io.kerflux.core.layers.Weight;
import io.kerflux.core.losses.Loss;
import io.kerflux.core.metrics.Metric;
import io.kerflux.core.optimizers.Optimizer;
import io.kerflux.core.regularizers.Regularizer;
import io.kerflux.core.training.DataSource;
import io.kerflux.core.training.EvaluateOptions;
import io.kerflux.core.training.Evaluation;
import io.kerflux.core.training.EventHub;
import io.kerflux.core.training.FitOptions;
import io.kerflux.core.training.PredictOptions;
import io.kerflux.core.training.Trainer;
import io.kerflux.core.training.TrainingRun;
import io.kerflux.streams.Batch;
import io.kerflux.streams.Sequence;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A linear stack of layers with Keras' training API.
 *
 * <p>Keras equivalent: {@code keras.models.Sequential}. A model whose first layer declares an
 * input shape is built as layers are added; otherwise it is built from the first batch it sees or
 * by {@link #build(long...)}. Weights are float32 by default (Keras' floatx); a seed makes the
 * initial weights and dropout masks reproducible.
 *
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(new Dense(64, "relu").inputShape(20));
 * model.add(new Dense(1, "sigmoid"));
 * model.compile("adam", "binary_crossentropy", List.of("accuracy"));
 * double[] lossAndAcc = model.trainOnBatch(x, y);
 * }</pre>
 *
 * <p>A model is used by one thread at a time: the batch-level methods run on the caller's thread.
 */
public class Sequential {
    private final String name;
    private final DataType dtype;
    private Random rng;
    private final List<Layer> layers = new ArrayList<>();
    private long @Nullable [] inputShape;
    private @Nullable Long fixedBatchSize;
    private @Nullable Compiled compiled;
    private volatile boolean stopTraining;
    private @Nullable INDArray lastOutputMask;
    private final PrintStream out;
    private final EventHub hub = new EventHub();
    private final AtomicLong runs = new AtomicLong();

    /** An empty float32 model with an unseeded generator, named "sequential_1" as Keras names the first one. */
    public Sequential() {
        this(builder());
    }

    /**
     * An empty float32 model whose initial weights and dropout masks follow from {@code seed}.
     *
     * @param seed the seed of the model's random generator
     */
    public Sequential(long seed) {
        this(builder().seed(seed));
    }

    /**
     * A model with the given layers, added in order ({@code Sequential(layers)} in Keras).
     *
     * @param layers the layers
     */
    public Sequential(List<Layer> layers) {
        this(builder());
        layers.forEach(this::add);
    }

    private Sequential(Builder b) {
        this.name = b.name;
        this.dtype = b.dtype;
        this.rng = b.seed == null ? new Random() : new Random(b.seed);
        this.out = b.out;
    }

    /**
     * Starts a builder for the model's name, seed and data type.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the model's name ("sequential_1" unless given) */
    public String name() {
        return name;
    }

    /** @return the data type of weights and activations */
    public DataType dtype() {
        return dtype;
    }

    // ---------------------------------------------------------------- structure

    /**
     * Adds a layer on top of the stack ({@code add(layer)}), naming it if it has no name and
     * building it when the input shape is known.
     *
     * @param layer the layer
     * @throws IllegalArgumentException if the name is taken or the layer cannot take the current
     *     output shape
     */
    public void add(Layer layer) {
        Objects.requireNonNull(layer, "layer");
        if (layers.contains(layer)) {
            throw new IllegalArgumentException("Layer " + layer.name() + " is already in this model.");
        }
        if (layer.hasName()) {
            for (Layer l : layers) {
                if (l.name().equals(layer.name())) {
                    throw new IllegalArgumentException("All layers added to a Sequential model should have unique "
                            + "names. Name \"" + layer.name() + "\" is already the name of a layer in this model. "
                            + "Update the `name` argument to pass a unique name.");
                }
            }
        }
        if (layer instanceof InputLayer) {
            // As in Keras, an input layer only fixes the input shape and is not listed in layers().
            if (!layers.isEmpty() || inputShape != null) {
                throw new IllegalArgumentException("An InputLayer can only be the first layer of a Sequential model; "
                        + "this model already has " + (layers.isEmpty() ? "an input shape" : layers.size() + " layers"));
            }
            inputShape = layer.declaredInputShape();
            fixedBatchSize = layer.declaredBatchSize().isPresent() ? layer.declaredBatchSize().getAsLong() : null;
            return;
        }
        long[] declared = layers.isEmpty() && inputShape == null ? layer.declaredInputShape() : null;
        long[] in = declared != null ? declared : (layers.isEmpty() ? inputShape : (isBuilt() ? outputShape() : null));
        if (in != null) {
            layer.build(in, buildContext());
        }
        if (!layer.hasName()) {
            layer.name(uniqueName(layer.namePrefix()));
        }
        if (declared != null) {
            inputShape = declared;
            fixedBatchSize = layer.declaredBatchSize().isPresent() ? layer.declaredBatchSize().getAsLong() : null;
        }
        layers.add(layer);
    }

    private String uniqueName(String prefix) {
        int k = 1;
        for (Layer l : layers) {
            if (l.namePrefix().equals(prefix)) {
                k++;
            }
        }
        while (true) {
            String candidate = prefix + "_" + k;
            if (layers.stream().noneMatch(l -> l.name().equals(candidate))) {
                return candidate;
            }
            k++;
        }
    }

    /**
     * Removes the last layer ({@code pop()}).
     *
     * @throws IllegalStateException if the model has no layers
     */
    public void pop() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("There are no layers in the model.");
        }
        layers.remove(layers.size() - 1);
        if (layers.isEmpty()) {
            inputShape = null;
            fixedBatchSize = null;
        }
    }

    /** @return the layers as added, first to last (the input layer is not listed) */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * Builds every layer for a per-sample input shape ({@code build(input_shape)}).
     *
     * @param shape the per-sample input shape, batch dimension excluded
     * @throws IllegalArgumentException if a layer cannot take its input
     * @throws IllegalStateException if the model has no layers
     */
    public void build(long... shape) {
        requireLayers("build");
        if (inputShape != null && !java.util.Arrays.equals(inputShape, shape)) {
            throw new IllegalArgumentException("The model was built for input shape " + InputChecks.tuple(inputShape)
                    + " but build() got input_shape=" + InputChecks.tuple(shape));
        }
        long[] s = shape.clone();
        BuildContext ctx = buildContext();
        for (Layer l : layers) {
            l.build(s, ctx);
            s = l.computeOutputShape(s);
        }
        inputShape = shape.clone();
    }

    /** @return whether the model knows its input shape and all layers are built */
    public boolean isBuilt() {
        return inputShape != null && layers.stream().allMatch(Layer::isBuilt);
    }

    /** @return the per-sample input shape */
    public long[] inputShape() {
        requireBuilt();
        return inputShape.clone();
    }

    /** @return the per-sample output shape */
    public long[] outputShape() {
        requireBuilt();
        long[] s = inputShape;
        for (Layer l : layers) {
            s = l.computeOutputShape(s);
        }
        return s;
    }

    /**
     * A layer by name or index ({@code get_layer(name=None, index=None)}); the index wins when
     * both are given, and negative indices count from the end.
     *
     * @param layerName a layer name, or null
     * @param index an index into {@link #layers()}, or null
     * @return the layer
     * @throws IllegalArgumentException for a bad index, an unknown name, or neither
     */
    public Layer getLayer(@Nullable String layerName, @Nullable Integer index) {
        if (index != null) {
            int i = index < 0 ? layers.size() + index : index;
            if (i < 0 || i >= layers.size()) {
                throw new IllegalArgumentException("Was asked to retrieve layer at index " + index
                        + " but model only has " + layers.size() + " layers.");
            }
            return layers.get(i);
        }
        if (layerName == null) {
            throw new IllegalArgumentException("Provide either a layer name or layer index.");
        }
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No such layer: " + layerName));
    }

    /**
     * A layer by name ({@code get_layer(name)}).
     *
     * @param layerName the layer name
     * @return the layer
     */
    public Layer getLayer(String layerName) {
        return getLayer(layerName, null);
    }

    /**
     * A layer by index ({@code get_layer(index=i)}); negative indices count from the end.
     *
     * @param index the index
     * @return the layer
     */
    public Layer getLayer(int index) {
        return getLayer(null, index);
    }

    /**
     * Prints Keras' summary table to standard output ({@code summary()}).
     *
     * @throws IllegalStateException if the model is not built
     */
    public void summary() {
        summary(System.out::println);
    }

    /**
     * Writes Keras' summary table line by line ({@code summary(print_fn=…)}).
     *
     * @param printFn receives each line
     * @throws IllegalStateException if the model is not built
     */
    public void summary(Consumer<String> printFn) {
        if (!isBuilt()) {
            throw new IllegalStateException("This model has not yet been built. Build the model first by calling "
                    + "`build()` or calling `fit()` with some data, or specify an `input_shape` argument in the "
                    + "first layer(s) for automatic build.");
        }
        Summary.print(this, printFn);
    }

    /** @return the number of scalars in all weights */
    public long countParams() {
        requireBuilt();
        return layers.stream().mapToLong(Layer::countParams).sum();
    }

    /** @return copies of all weights, layer by layer in Keras order ({@code get_weights()}) */
    public List<INDArray> getWeights() {
        List<INDArray> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.getWeights()));
        return all;
    }

    /**
     * Sets all weights ({@code set_weights(weights)}), layer by layer in Keras order.
     *
     * @param values one array per weight
     * @throws IllegalArgumentException if the count or a shape differs
     */
    public void setWeights(List<INDArray> values) {
        int expected = layers.stream().mapToInt(l -> l.weights().size()).sum();
        if (values.size() != expected) {
            throw new IllegalArgumentException("You called `set_weights(weights)` on model " + name
                    + " with a weight list of length " + values.size() + ", but the model was expecting "
                    + expected + " weights.");
        }
        int k = 0;
        for (Layer l : layers) {
            int n = l.weights().size();
            l.setWeights(values.subList(k, k + n));
            k += n;
        }
    }

    // ---------------------------------------------------------------- compile

    /**
     * Configures the model for training ({@code compile(optimizer, loss)}).
     *
     * @param optimizer an optimizer name ("adam", "sgd", …)
     * @param loss a loss name ("mse", "categorical_crossentropy", …)
     */
    public void compile(String optimizer, String loss) {
        compile(CompileOptions.builder(optimizer, loss).build());
    }

    /**
     * Configures the model for training ({@code compile(optimizer, loss, metrics)}).
     *
     * @param optimizer an optimizer name
     * @param loss a loss name
     * @param metrics metric names, reported in this order after "loss"
     */
    public void compile(String optimizer, String loss, List<String> metrics) {
        compile(CompileOptions.builder(optimizer, loss).metrics(metrics).build());
    }

    /**
     * Configures the model for training with objects.
     *
     * @param optimizer the optimizer
     * @param loss the loss
     * @param metrics metric names or {@link Metric} objects
     */
    public void compile(Optimizer optimizer, Loss loss, List<?> metrics) {
        compile(CompileOptions.builder(optimizer, loss).metrics(metrics).build());
    }

    /**
     * Configures the model for training with every Keras argument; compiling again starts fresh
     * metric state and keeps the weights.
     *
     * @param options the arguments
     * @throws IllegalArgumentException for unknown identifiers or malformed arguments
     * @throws IllegalStateException if the model has no layers
     */
    public void compile(CompileOptions options) {
        Objects.requireNonNull(options, "options");
        requireLayers("compile");
        compiled = Compiled.of(options, layers.get(layers.size() - 1).name());
    }

    /** @return whether compile has been called */
    public boolean isCompiled() {
        return compiled != null;
    }

    /**
     * The names of the values that training and evaluation return ({@code metrics_names}):
     * "loss", then the metrics, then the weighted metrics.
     *
     * @return the names
     * @throws IllegalStateException if the model is not compiled
     */
    public List<String> metricsNames() {
        return requireCompiled().metricsNames();
    }

    /** @return the optimizer given to compile */
    public Optimizer optimizer() {
        return requireCompiled().optimizer;
    }

    /** @return the loss given to compile */
    public Loss loss() {
        return requireCompiled().loss;
    }

    /** Clears the state of every compiled metric ({@code reset_metrics()}). */
    public void resetMetrics() {
        requireCompiled().resetMetrics();
    }

    /**
     * Asks the training loop to stop ({@code model.stop_training = True}); a callback calls this.
     *
     * @param value true to stop after the current step
     */
    public void stopTraining(boolean value) {
        this.stopTraining = value;
    }

    /** @return whether a stop was requested */
    public boolean stopTraining() {
        return stopTraining;
    }

    // ---------------------------------------------------------------- fit / evaluate / predict

    /**
     * Trains on arrays ({@code fit(x, y)}) with Keras' defaults: batch size 32, one epoch, a
     * progress bar.
     *
     * @param x inputs {@code (n, inputShape…)}
     * @param y targets
     * @return the History of the run
     */
    public History fit(INDArray x, INDArray y) {
        return fit(x, y, FitOptions.defaults());
    }

    /**
     * Trains on arrays ({@code fit(x, y, …)}).
     *
     * @param x inputs {@code (n, inputShape…)}
     * @param y targets
     * @param options fit's other arguments
     * @return the History of the run: per-epoch loss, metrics and {@code val_*} values
     * @throws IllegalArgumentException for arguments Keras rejects
     * @throws IllegalStateException if the model is not compiled
     */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        return fit(DataSource.of(x, y), options);
    }

    /**
     * Trains on a Sequence ({@code fit(sequence, …)}, the same as {@code fit_generator}).
     *
     * @param sequence batches by index, read by {@code workers} threads in order
     * @param options fit's arguments (no batchSize, sampleWeight or validationSplit)
     * @return the History
     */
    public History fit(Sequence sequence, FitOptions options) {
        return fit(DataSource.of(sequence), options);
    }

    /**
     * Trains on a generator ({@code fit(generator, steps_per_epoch=…)}); stepsPerEpoch is required.
     *
     * @param generator batches, pulled by one loader thread
     * @param options fit's arguments
     * @return the History
     */
    public History fit(Iterator<Batch> generator, FitOptions options) {
        return fit(DataSource.of(generator), options);
    }

    /**
     * Trains on any publisher of batches (a Kafka topic, an HTTP body). Without stepsPerEpoch an
     * epoch lasts until the publisher completes, and each epoch subscribes again.
     *
     * @param batches the batches
     * @param options fit's arguments
     * @return the History
     */
    public History fit(Publisher<Batch> batches, FitOptions options) {
        return fit(DataSource.of(batches), options);
    }

    /**
     * Trains on any source; blocks until the run ends.
     *
     * @param source the training data
     * @param options fit's arguments
     * @return the History
     */
    public History fit(DataSource source, FitOptions options) {
        TrainingRun run = Trainer.fit(this, source, options, runs.incrementAndGet(), hub, out);
        run.events().blockLast();
        return run.history();
    }

    /**
     * Keras' {@code fit_generator(generator, …)}: the same as {@link #fit(Sequence, FitOptions)}.
     *
     * @param sequence the batches
     * @param options fit_generator's arguments
     * @return the History
     */
    public History fitGenerator(Sequence sequence, FitOptions options) {
        return fit(sequence, options);
    }

    /**
     * Keras' {@code fit_generator(generator, steps_per_epoch, …)} for a plain generator.
     *
     * @param generator the batches
     * @param options fit_generator's arguments (stepsPerEpoch required)
     * @return the History
     */
    public History fitGenerator(Iterator<Batch> generator, FitOptions options) {
        return fit(generator, options);
    }

    /**
     * Keras' {@code fit_generator} for a supplier of batches (an endless generator).
     *
     * @param generator returns the next batch, or null to end
     * @param options fit_generator's arguments (stepsPerEpoch required)
     * @return the History
     */
    public History fitGenerator(Supplier<@Nullable Batch> generator, FitOptions options) {
        return fit(DataSource.of(generator), options);
    }

    /**
     * Keras' {@code fit_generator} for a publisher of batches.
     *
     * @param batches the batches
     * @param options fit_generator's arguments
     * @return the History
     */
    public History fitGenerator(Publisher<Batch> batches, FitOptions options) {
        return fit(batches, options);
    }

    /**
     * A fit as a cold stream of events: nothing happens until subscription; subscribing trains;
     * cancelling stops after the current step. The arguments are checked now.
     *
     * @param source the training data
     * @param options fit's arguments
     * @return the run's events (TrainBegin, EpochBegin, TrainBatchEnd…, EpochEnd, TrainEnd)
     */
    public Flux<TrainingEvent> fitStream(DataSource source, FitOptions options) {
        return Trainer.fit(this, source, options, runs.incrementAndGet(), hub, out).events();
    }

    /**
     * A fit on arrays as a cold stream of events.
     *
     * @param x inputs
     * @param y targets
     * @param options fit's arguments
     * @return the run's events
     */
    public Flux<TrainingEvent> fitStream(INDArray x, INDArray y, FitOptions options) {
        return fitStream(DataSource.of(x, y), options);
    }

    /**
     * A fit on a publisher of batches as a cold stream of events.
     *
     * @param batches the batches
     * @param options fit's arguments
     * @return the run's events
     */
    public Flux<TrainingEvent> fitStream(Publisher<Batch> batches, FitOptions options) {
        return fitStream(DataSource.of(batches), options);
    }

    /**
     * Every event of every run of this model, for any number of subscribers that join at any time
     * (they see what happens after they subscribe). A slow subscriber never slows training: it
     * loses batch events beyond a backlog, never epoch or run events.
     *
     * @return the hot stream
     */
    public Flux<TrainingEvent> events() {
        return hub.flux();
    }

    /** @return the number of batch events dropped so far for slow subscribers of {@link #events()} */
    public long droppedEvents() {
        return hub.droppedEvents();
    }

    /**
     * Evaluates on arrays with Keras' defaults ({@code evaluate(x, y)}).
     *
     * @param x inputs
     * @param y targets
     * @return the loss and metrics in {@link #metricsNames()} order
     */
    public Evaluation evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, EvaluateOptions.defaults());
    }

    /**
     * Evaluates on arrays ({@code evaluate(x, y, …)}).
     *
     * @param x inputs
     * @param y targets
     * @param options evaluate's arguments
     * @return the loss (averaged over the samples) and metrics in {@link #metricsNames()} order
     */
    public Evaluation evaluate(INDArray x, INDArray y, EvaluateOptions options) {
        return evaluate(DataSource.of(x, y), options);
    }

    /**
     * Evaluates on any source ({@code evaluate} / {@code evaluate_generator}).
     *
     * @param source the data
     * @param options evaluate's arguments
     * @return the loss and metrics in {@link #metricsNames()} order
     */
    public Evaluation evaluate(DataSource source, EvaluateOptions options) {
        return Trainer.evaluate(this, source, options, runs.incrementAndGet(), hub, out).block();
    }

    /**
     * Keras' {@code evaluate_generator} on a Sequence.
     *
     * @param sequence the batches
     * @param options the arguments (Keras' evaluate_generator defaults to verbose 0)
     * @return the loss and metrics
     */
    public Evaluation evaluateGenerator(Sequence sequence, EvaluateOptions options) {
        return evaluate(DataSource.of(sequence), options);
    }

    /**
     * Keras' {@code evaluate_generator} on a plain generator; steps is required.
     *
     * @param generator the batches
     * @param options the arguments
     * @return the loss and metrics
     */
    public Evaluation evaluateGenerator(Iterator<Batch> generator, EvaluateOptions options) {
        return evaluate(DataSource.of(generator), options);
    }

    /**
     * Keras' {@code evaluate_generator} on a publisher of batches.
     *
     * @param batches the batches
     * @param options the arguments
     * @return the loss and metrics
     */
    public Evaluation evaluateGenerator(Publisher<Batch> batches, EvaluateOptions options) {
        return evaluate(DataSource.of(batches), options);
    }

    /**
     * Predicts on arrays with Keras' defaults ({@code predict(x)}: batch size 32, silent).
     *
     * @param x inputs
     * @return outputs {@code (n, outputShape…)}
     */
    public INDArray predict(INDArray x) {
        return predict(x, PredictOptions.defaults());
    }

    /**
     * Predicts on arrays ({@code predict(x, …)}); needs no compile.
     *
     * @param x inputs
     * @param options predict's arguments
     * @return outputs {@code (n, outputShape…)}
     * @throws IllegalArgumentException in a stateful model when n exceeds the batch size and is not a
     *     multiple of it
     */
    public INDArray predict(INDArray x, PredictOptions options) {
        return predict(new DataSource.Arrays(x, null, null), options);
    }

    /**
     * Predicts on any source ({@code predict} / {@code predict_generator}).
     *
     * @param source the inputs; targets in batches are ignored
     * @param options predict's arguments
     * @return the outputs of all batches, concatenated along the batch axis
     */
    public INDArray predict(DataSource source, PredictOptions options) {
        requireLayers("predict");
        return Trainer.predict(this, source, options, runs.incrementAndGet(), hub, out).block();
    }

    /**
     * Keras' {@code predict_generator} on a Sequence.
     *
     * @param sequence the batches
     * @param options the arguments
     * @return the outputs
     */
    public INDArray predictGenerator(Sequence sequence, PredictOptions options) {
        return predict(DataSource.of(sequence), options);
    }

    /**
     * Keras' {@code predict_generator} on a plain generator; steps is required.
     *
     * @param generator the batches
     * @param options the arguments
     * @return the outputs
     */
    public INDArray predictGenerator(Iterator<Batch> generator, PredictOptions options) {
        return predict(DataSource.of(generator), options);
    }

    /**
     * Keras' {@code predict_generator} on a publisher of batches.
     *
     * @param batches the batches
     * @param options the arguments
     * @return the outputs
     */
    public INDArray predictGenerator(Publisher<Batch> batches, PredictOptions options) {
        return predict(DataSource.of(batches), options);
    }

    /**
     * Class predictions ({@code predict_classes}): the argmax of the last axis, or {@code p > 0.5}
     * when the output has one column.
     *
     * @param x inputs
     * @param options predict's arguments
     * @return integer classes as an INT64 array {@code (n,)} (or {@code (n, …)} for sequences)
     */
    public INDArray predictClasses(INDArray x, PredictOptions options) {
        INDArray p = predict(x, options);
        if (p.size(p.rank() - 1) > 1) {
            return Nd4j.argMax(p, p.rank() - 1).castTo(DataType.INT64);
        }
        return p.gt(0.5).castTo(DataType.INT64).reshape(p.size(0));
    }

    /**
     * Probabilities ({@code predict_proba}): predict, with a warning when values leave [0, 1].
     *
     * @param x inputs
     * @param options predict's arguments
     * @return the outputs
     */
    public INDArray predictProba(INDArray x, PredictOptions options) {
        INDArray p = predict(x, options);
        if (p.minNumber().doubleValue() < 0 || p.maxNumber().doubleValue() > 1) {
            System.getLogger(Sequential.class.getName()).log(System.Logger.Level.WARNING,
                    "Network returning invalid probability values. The last layer might not normalize predictions "
                            + "into probabilities (like softmax or sigmoid would).");
        }
        return p;
    }

    /**
     * The state of the model's random generators, which a checkpoint stores (Kerflux addition).
     *
     * @return the model generator and every layer's mask generator
     */
    public RandomState randomState() {
        return RandomState.capture(rng, layers);
    }

    /**
     * Continues from a {@link #randomState()} of a model with the same layers, so this model
     * draws the masks and seeds the original would have drawn next. Layers are matched in order,
     * as weights are.
     *
     * @param state the state
     * @throws IllegalArgumentException if the state does not fit this model's layers; nothing is
     *     changed then
     */
    public void restoreRandomState(RandomState state) {
        List<long[]> states = List.copyOf(state.layers().values());
        List<String> names = List.copyOf(state.layers().keySet());
        if (states.size() != layers.size()) {
            throw new IllegalArgumentException("The random state holds " + states.size() + " layers " + names
                    + " but the model has " + layers.size() + ": " + layers.stream().map(Layer::name).toList() + ".");
        }
        for (int i = 0; i < layers.size(); i++) {
            int expected = layers.get(i).randomState().length;
            if (states.get(i).length != expected) {
                throw new IllegalArgumentException("The random state of layer " + names.get(i) + " holds "
                        + states.get(i).length + " numbers, but layer " + layers.get(i).name() + " of the model needs "
                        + expected + ".");
            }
        }
        Random generator = state.generator();
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).restoreRandomState(states.get(i));
        }
        rng = generator;
    }

    /** @return a fresh seed from the model's generator, for a run's shuffling */
    public long drawSeed() {
        return rng.nextLong();
    }

    /** @return whether compile set sample_weight_mode="temporal" */
    public boolean temporalSampleWeights() {
        return requireCompiled().temporal;
    }

    /** @return the batch size fixed by the first layer (batch_input_shape), if any */
    public OptionalLong fixedBatchSize() {
        return fixedBatchSize == null ? OptionalLong.empty() : OptionalLong.of(fixedBatchSize);
    }

    /** Clears the state of every stateful layer ({@code model.reset_states()}). */
    public void resetStates() {
        layers.stream().filter(Layer::isStateful).forEach(Layer::resetStates);
    }

    /** @return whether a layer keeps state across batches (a stateful recurrent layer) */
    public boolean isStateful() {
        return layers.stream().anyMatch(Layer::isStateful);
    }

    // ---------------------------------------------------------------- saving and loading

    /**
     * The model's config as Keras JSON ({@code to_json()}); see {@link io.kerflux.core.io.Models#toJson}.
     *
     * @return the JSON text
     */
    public String toJson() {
        return io.kerflux.core.io.Models.toJson(this);
    }

    /**
     * Saves the model ({@code save(filepath)}): HDF5 for {@code .h5}, a Keras 3 archive for {@code
     * .keras}; see {@link io.kerflux.core.io.Models#save}.
     *
     * @param path the file
     * @throws java.io.IOException if the file cannot be written
     */
    public void save(Path path) throws IOException {
        io.kerflux.core.io.Models.save(this, path);
    }

    /**
     * Saves the weights in Keras' HDF5 layout ({@code save_weights(filepath)}); see {@link
     * io.kerflux.core.io.Models#saveWeights}.
     *
     * @param path the file
     * @throws java.io.IOException if the file cannot be written
     */
    public void saveWeights(Path path) throws IOException {
        io.kerflux.core.io.Models.saveWeights(this, path);
    }

    /**
     * Loads weights from a Keras file ({@code load_weights(filepath)}); see {@link
     * io.kerflux.core.io.Models#loadWeights}.
     *
     * @param path a Keras 2 HDF5 file or a Keras 3 archive
     * @throws java.io.IOException if the file cannot be read
     */
    public void loadWeights(Path path) throws IOException {
        io.kerflux.core.io.Models.loadWeights(this, path);
    }

    // ---------------------------------------------------------------- batch-level API

    /**
     * One gradient update on exactly these samples ({@code train_on_batch(x, y)}).
     *
     * @param x inputs {@code (n, inputShape…)}
     * @param y targets
     * @return the loss and metrics in {@link #metricsNames()} order, describing this batch
     */
    public double[] trainOnBatch(INDArray x, INDArray y) {
        return trainOnBatch(x, y, null, null, true);
    }

    /**
     * One gradient update ({@code train_on_batch(x, y, sample_weight, class_weight, reset_metrics)}).
     *
     * @param x inputs {@code (n, inputShape…)}
     * @param y targets {@code (n, outputShape…)}
     * @param sampleWeight null, {@code (n,)}, or {@code (n, T)} with sample_weight_mode "temporal"
     * @param classWeight null or class index to weight; every class in y must be present
     * @param resetMetrics true: the metrics describe this batch only; false: they accumulate
     *     across calls (the loss never does)
     * @return the loss and metrics in {@link #metricsNames()} order
     * @throws IllegalStateException if the model is not compiled
     * @throws IllegalArgumentException for shapes, weights or classes that do not fit (§3, §4)
     */
    public double[] trainOnBatch(INDArray x, INDArray y, @Nullable INDArray sampleWeight,
            @Nullable Map<Integer, Double> classWeight, boolean resetMetrics) {
        return runBatch(x, y, sampleWeight, classWeight, true, resetMetrics);
    }

    /**
     * Evaluates one batch without updating ({@code test_on_batch(x, y)}).
     *
     * @param x inputs
     * @param y targets
     * @return the loss and metrics in {@link #metricsNames()} order
     */
    public double[] testOnBatch(INDArray x, INDArray y) {
        return testOnBatch(x, y, null, true);
    }

    /**
     * Evaluates one batch without updating ({@code test_on_batch(x, y, sample_weight, reset_metrics)}).
     *
     * @param x inputs
     * @param y targets
     * @param sampleWeight null, {@code (n,)} or {@code (n, T)}
     * @param resetMetrics whether the metrics describe this batch only
     * @return the loss and metrics in {@link #metricsNames()} order
     */
    public double[] testOnBatch(INDArray x, INDArray y, @Nullable INDArray sampleWeight, boolean resetMetrics) {
        return runBatch(x, y, sampleWeight, null, false, resetMetrics);
    }

    /**
     * The outputs for all of x in one pass ({@code predict_on_batch(x)}); needs no compile.
     *
     * @param x inputs {@code (n, inputShape…)}
     * @return outputs {@code (n, outputShape…)}
     */
    public INDArray predictOnBatch(INDArray x) {
        requireLayers("predict_on_batch");
        INDArray xs = prepareInput(x);
        return forward(xs, false);
    }

    private double[] runBatch(INDArray xIn, INDArray yIn, @Nullable INDArray sampleWeight,
            @Nullable Map<Integer, Double> classWeight, boolean train, boolean resetMetrics) {
        Compiled c = requireCompiled();
        Objects.requireNonNull(yIn, "y");
        INDArray x = InputChecks.standardize(xIn, dtype);
        INDArray y = InputChecks.standardize(yIn, dtype);
        checkData(x, y);
        long[] outShape = outputShape();
        INDArray w = InputChecks.weights(y, sampleWeight, classWeight, c.temporal, dtype);
        INDArray yPred = forward(x, train);
        INDArray mask = outputMask(yPred);
        INDArray plainWeights = mask;
        if (mask != null) {
            // Keras 2.3 (_prepare_total_loss): the output mask multiplies the sample weights, so masked
            // timesteps add nothing to the loss but still count in SUM_OVER_BATCH_SIZE's denominator.
            w = w == null ? mask : (w.rank() == 1 ? mask.mulColumnVector(w) : w.mul(mask));
        }
        double loss = c.loss.compute(y, yPred, w) * c.lossWeight + regularizationLoss();
        List<Metric> metrics = c.metrics(outShape[outShape.length - 1]);
        if (train) {
            INDArray grad = c.loss.gradient(y, yPred, w);
            if (c.lossWeight != 1.0) {
                grad.muli(c.lossWeight);
            }
            backward(grad);
            applyUpdate(c.optimizer);
        }
        double[] values = new double[1 + metrics.size()];
        values[0] = loss;
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            m.update(y, yPred, c.isWeighted(i) ? w : plainWeights);
            values[i + 1] = m.result();
        }
        if (resetMetrics) {
            c.resetMetrics();
        }
        return values;
    }

    private INDArray prepareInput(INDArray xIn) {
        Objects.requireNonNull(xIn, "x");
        INDArray x = InputChecks.standardize(xIn, dtype);
        checkData(x, null);
        return x;
    }

    /**
     * Keras' input standardisation checks (§3): builds the model from x if needed, then checks the
     * input shape and, given targets, the sample counts and (for built-in losses) the target shape.
     *
     * @param x standardised inputs
     * @param y standardised targets, or null
     * @throws IllegalArgumentException with Keras' messages
     */
    public void checkData(INDArray x, @Nullable INDArray y) {
        requireLayers("fit");
        if (!isBuilt()) {
            long[] shape = new long[x.rank() - 1];
            System.arraycopy(x.shape(), 1, shape, 0, shape.length);
            build(shape);
        }
        InputChecks.checkShape("input", layers.get(0).name() + "_input", x, inputShape);
        if (y != null) {
            InputChecks.checkSampleCounts(x, y);
            if (compiled != null && compiled.builtInLoss) {
                InputChecks.checkTarget(y, outputShape(), layers.get(layers.size() - 1).name(), compiled.loss);
            }
        }
    }

    /** Runs the stack, passing each layer's output mask to the next layer, as Keras does. */
    private INDArray forward(INDArray x, boolean training) {
        INDArray a = x;
        INDArray mask = null;
        for (Layer l : layers) {
            INDArray out = l.call(a, mask, training);
            mask = l.computeMask(a, mask);
            a = out;
        }
        lastOutputMask = mask;
        return a;
    }

    /** The last forward pass's output mask when it weights per-timestep outputs {@code (n, T, …)}. */
    private @Nullable INDArray outputMask(INDArray yPred) {
        INDArray mask = lastOutputMask;
        if (mask == null || mask.rank() != 2 || yPred.rank() < 3
                || mask.size(0) != yPred.size(0) || mask.size(1) != yPred.size(1)) {
            return null;
        }
        return mask.castTo(dtype);
    }

    private void backward(INDArray gradOutput) {
        int first = -1;
        for (int i = 0; i < layers.size() && first < 0; i++) {
            if (!layers.get(i).trainableWeights().isEmpty()) {
                first = i;
            }
        }
        INDArray g = gradOutput;
        for (int i = layers.size() - 1; i >= first && first >= 0; i--) {
            g = layers.get(i).backprop(g, i > first);
        }
    }

    private void applyUpdate(Optimizer optimizer) {
        List<Weight> trainable = new ArrayList<>();
        layers.forEach(l -> trainable.addAll(l.trainableWeights()));
        List<INDArray> params = new ArrayList<>(trainable.size());
        List<INDArray> grads = new ArrayList<>(trainable.size());
        for (Weight w : trainable) {
            Regularizer r = w.regularizer();
            if (r != null) {
                r.addGradient(w.value(), w.gradient());
            }
            params.add(w.value());
            grads.add(w.gradient());
        }
        optimizer.applyGradients(params, grads);
        for (Weight w : trainable) {
            Constraint k = w.constraint();
            if (k != null) {
                k.apply(w.value());
            }
        }
    }

    private double regularizationLoss() {
        double sum = 0;
        for (Layer l : layers) {
            sum += l.regularizationLoss();
        }
        return sum;
    }

    private BuildContext buildContext() {
        return new BuildContext(dtype, rng);
    }

    private void requireLayers(String what) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("The model has no layers: add at least one layer before calling "
                    + what + "().");
        }
    }

    private void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException("This model has not yet been built: give the first layer an input "
                    + "shape, call build(inputShape), or pass it some data.");
        }
    }

    private Compiled requireCompiled() {
        if (compiled == null) {
            throw new IllegalStateException(
                    "You must compile a model before training/testing. Use `model.compile(optimizer, loss)`.");
        }
        return compiled;
    }

    /** Builder for the model-level settings that Keras keeps in globals (floatx, the seed). */
    public static final class Builder {
        private String name = "sequential_1";
        private DataType dtype = DataType.FLOAT;
        private @Nullable Long seed;
        private PrintStream out = System.out;

        private Builder() { }

        /** @param value where progress bars and messages are printed (default System.out) @return this builder */
        public Builder out(PrintStream value) {
            this.out = Objects.requireNonNull(value, "out");
            return this;
        }

        /** @param value the model's name @return this builder */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** @param value FLOAT (default, Keras' float32) or DOUBLE @return this builder */
        public Builder dtype(DataType value) {
            if (!value.isFPType()) {
                throw new IllegalArgumentException("dtype must be a floating-point type. Received: dtype=" + value);
            }
            this.dtype = value;
            return this;
        }

        /** @param value the seed of the model's random generator @return this builder */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** @return the empty model */
        public Sequential build() {
            return new Sequential(this);
        }
    }
}
