package io.kerflux.core.layers;

import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base class of every layer: a named, buildable block with a forward and a backward pass.
 *
 * <p>Keras equivalent: {@code keras.layers.Layer}. Shapes in this API never include the batch
 * dimension: a Dense layer on 784 features has input shape {@code [784]}.
 *
 * <p>To write a layer:
 *
 * <ol>
 *   <li>The constructor (or builder) validates and stores the Keras arguments, nothing else; a bad
 *       value fails with an {@link IllegalArgumentException} that names it ("units must be a
 *       positive integer. Received: units=0").
 *   <li>{@link #computeOutputShape} maps an input shape to the output shape.
 *   <li>{@link #doBuild} creates the weights with {@link #addWeight}, in Keras' order (kernel before
 *       bias), once the input shape is known.
 *   <li>{@link #forward} computes the output and keeps what {@link #backward} needs in fields; one
 *       training thread owns a layer, so the last forward pass is the one backward differentiates.
 *   <li>{@link #backward} writes each weight's gradient into {@link Weight#gradient()} (overwriting,
 *       not accumulating) and returns the gradient with respect to the input.
 *   <li>{@link #getConfig} adds the layer's own Keras config keys (snake_case) to the base ones.
 * </ol>
 *
 * <p>A layer without a name gets one from the model it is added to, Keras style ({@code dense_1},
 * {@code dense_2}, …, counted per class within the model rather than per process as Keras 2 does).
 */
public abstract class Layer {
    private final String prefix;
    private @Nullable String name;
    private boolean trainable = true;
    private long @Nullable [] declaredInputShape;
    private @Nullable Long declaredBatchSize;
    private @Nullable Regularizer activityRegularizer;
    private @Nullable INDArray lastOutput;
    private @Nullable INDArray inputMask;
    private long @Nullable [] builtInputShape;
    private DataType dtype = DataType.FLOAT;
    private final List<Weight> weights = new ArrayList<>();

    /**
     * Creates an unbuilt layer.
     *
     * @param prefix the snake_case class name used for auto-naming ("dense", "leaky_re_lu")
     */
    protected Layer(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * The Keras class name written in configs ("Dense", "LeakyReLU").
     *
     * @return the class name
     */
    public abstract String className();

    /**
     * The output shape for an input shape, batch dimension excluded.
     *
     * @param inputShape the per-sample input shape
     * @return the per-sample output shape
     * @throws IllegalArgumentException if the layer cannot take that input
     */
    public abstract long[] computeOutputShape(long[] inputShape);

    /**
     * Creates the weights for an input shape; the default creates none.
     *
     * @param inputShape the per-sample input shape
     * @param context the data type and the random generator
     */
    protected void doBuild(long[] inputShape, BuildContext context) { }

    /**
     * The forward pass.
     *
     * @param input shape {@code (batch, inputShape…)}
     * @param training true in training steps (dropout active), false in evaluation and prediction
     * @return the output, shape {@code (batch, outputShape…)}
     */
    protected abstract INDArray forward(INDArray input, boolean training);

    /**
     * The backward pass of the last {@link #forward} call.
     *
     * @param gradOutput dL/d output, shaped like the output
     * @param needInputGradient false when no layer before this one needs dL/d input
     * @return dL/d input, shaped like the input, or null when {@code needInputGradient} is false
     */
    protected abstract @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient);

    /**
     * Builds the layer for an input shape, once; building again with the same shape is a no-op.
     *
     * @param inputShape the per-sample input shape
     * @param context the data type and the random generator
     * @throws IllegalArgumentException if the layer was built for another shape or cannot take it
     */
    public final void build(long[] inputShape, BuildContext context) {
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(context, "context");
        if (builtInputShape != null) {
            if (!Arrays.equals(builtInputShape, inputShape)) {
                throw new IllegalArgumentException(
                        "Layer " + name() + " was built for input shape " + shapeString(builtInputShape)
                                + " but got input shape " + shapeString(inputShape));
            }
            return;
        }
        computeOutputShape(inputShape);
        dtype = context.dtype();
        doBuild(inputShape.clone(), context);
        builtInputShape = inputShape.clone();
    }

    /**
     * Runs the layer ({@code layer(x, training=…)} in Keras).
     *
     * @param input shape {@code (batch, inputShape…)}
     * @param training whether this is a training step
     * @return the output
     * @throws IllegalStateException if the layer is not built
     */
    public final INDArray call(INDArray input, boolean training) {
        return call(input, null, training);
    }

    /**
     * Runs the layer with the mask of its input ({@code layer(x, mask=…, training=…)} in Keras).
     *
     * @param input shape {@code (batch, inputShape…)}
     * @param mask null, or the input's mask: {@code (batch, timesteps)} with 1 for kept steps
     * @param training whether this is a training step
     * @return the output
     * @throws IllegalStateException if the layer is not built
     * @throws IllegalArgumentException if a mask is given to a layer that does not support masking
     */
    public final INDArray call(INDArray input, @Nullable INDArray mask, boolean training) {
        requireBuilt("call");
        if (mask != null && !supportsMasking()) {
            throw new IllegalArgumentException("Layer " + name() + " does not support masking, but was passed an "
                    + "input_mask of shape " + Arrays.toString(mask.shape()));
        }
        inputMask = mask;
        INDArray out = forward(input, training);
        lastOutput = activityRegularizer == null ? null : out;
        return out;
    }

    /**
     * Back-propagates through the last {@link #call}, adding the activity regularizer's gradient.
     *
     * @param gradOutput dL/d output
     * @param needInputGradient whether to compute dL/d input
     * @return dL/d input, or null when not needed
     */
    public final @Nullable INDArray backprop(INDArray gradOutput, boolean needInputGradient) {
        requireBuilt("backprop");
        INDArray g = gradOutput;
        if (activityRegularizer != null && lastOutput != null) {
            g = gradOutput.dup();
            activityRegularizer.addGradient(lastOutput, g);
        }
        return backward(g, needInputGradient);
    }

    /**
     * Whether the layer accepts a mask ({@code supports_masking}); false by default.
     *
     * @return true if {@link #call(INDArray, INDArray, boolean)} may receive a mask
     */
    public boolean supportsMasking() {
        return false;
    }

    /**
     * The mask of this layer's output ({@code compute_mask}): by default the input mask passes
     * through a layer that supports masking. Layers that create masks (Embedding with mask_zero,
     * Masking) or consume them (a recurrent layer without return_sequences) override this.
     *
     * @param input the input of the call
     * @param mask the input's mask, or null
     * @return the output's mask, or null
     */
    public @Nullable INDArray computeMask(INDArray input, @Nullable INDArray mask) {
        return supportsMasking() ? mask : null;
    }

    /** @return the mask passed to the current {@link #call}, or null; read it in {@link #forward} */
    protected final @Nullable INDArray inputMask() {
        return inputMask;
    }

    /**
     * Restarts the layer's random generator, so that the next forward passes draw the same random
     * numbers again (dropout masks in gradient checks); a no-op for deterministic layers.
     *
     * @param seed the new seed
     */
    public void reseed(long seed) { }

    /**
     * The state of the layer's random generator, which a checkpoint stores so that a restored
     * layer draws the random numbers the original would have drawn next (Kerflux addition; Keras
     * keeps it in its seed generators).
     *
     * @return the state; empty for deterministic layers
     */
    public long[] randomState() {
        return new long[0];
    }

    /**
     * Continues from a state given by {@link #randomState()} of a layer of the same configuration.
     *
     * @param state the state
     * @throws IllegalArgumentException if the state does not fit this layer
     */
    public void restoreRandomState(long[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("Layer " + name() + " draws no random numbers, so its random state "
                    + "must be empty. Received " + state.length + " numbers.");
        }
    }

    /**
     * Creates a weight; call from {@link #doBuild}, in Keras' weight order.
     *
     * @param weightName short name ("kernel")
     * @param shape weight shape
     * @param initializer initial value
     * @param regularizer penalty, or null
     * @param constraint projection, or null
     * @param trainable whether optimizers update it
     * @param context the build context
     * @return the new weight
     */
    protected final Weight addWeight(
            String weightName,
            long[] shape,
            Initializer initializer,
            @Nullable Regularizer regularizer,
            @Nullable Constraint constraint,
            boolean trainable,
            BuildContext context) {
        INDArray value = initializer.generate(shape, context.dtype(), context.rng());
        Weight w = new Weight(weightName, value, regularizer, constraint, trainable);
        weights.add(w);
        return w;
    }

    /**
     * The regularization loss of this layer: weight penalties plus the activity penalty of the
     * last forward pass.
     *
     * @return the sum of penalties, 0 without regularizers
     */
    public double regularizationLoss() {
        double sum = 0;
        for (Weight w : weights) {
            if (w.regularizer() != null) {
                sum += w.regularizer().loss(w.value());
            }
        }
        if (activityRegularizer != null && lastOutput != null) {
            sum += activityRegularizer.loss(lastOutput);
        }
        return sum;
    }

    /** @return the layer's name; its auto-name prefix ("dense") until a model names it */
    public String name() {
        return name != null ? name : prefix;
    }

    /**
     * Sets the name ({@code name=} in Keras).
     *
     * @param newName a non-empty name
     * @return this layer
     */
    public Layer name(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty string. Received: name=" + newName);
        }
        this.name = newName;
        return this;
    }

    /** @return whether a name was given or assigned */
    public boolean hasName() {
        return name != null;
    }

    /** @return the snake_case prefix used for auto-naming */
    public String namePrefix() {
        return prefix;
    }

    /** @return whether the layer's weights are updated by training */
    public boolean trainable() {
        return trainable;
    }

    /**
     * Freezes or unfreezes the layer; recompile the model afterwards, as in Keras.
     *
     * @param value false to freeze
     * @return this layer
     */
    public Layer trainable(boolean value) {
        this.trainable = value;
        return this;
    }

    /**
     * Declares the per-sample input shape of the first layer ({@code input_shape=} in Keras).
     *
     * @param shape positive dimensions
     * @return this layer
     */
    public Layer inputShape(long... shape) {
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "input_shape dimensions must be positive. Received: input_shape=" + shapeString(shape));
            }
        }
        this.declaredInputShape = shape.clone();
        return this;
    }

    /**
     * Declares a fixed batch size ({@code batch_size=} next to {@code input_shape}, or the first
     * entry of {@code batch_input_shape}); fit, evaluate and predict then enforce it.
     *
     * @param batchSize a positive batch size
     * @return this layer
     */
    public Layer batchSize(long batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive. Received: batch_size=" + batchSize);
        }
        this.declaredBatchSize = batchSize;
        return this;
    }

    /** @return the declared per-sample input shape, or null */
    public long @Nullable [] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    /** @return the declared batch size, if any */
    public OptionalLong declaredBatchSize() {
        return declaredBatchSize == null ? OptionalLong.empty() : OptionalLong.of(declaredBatchSize);
    }

    /**
     * Sets the activity regularizer, a penalty on this layer's output.
     *
     * @param regularizer the penalty, or null for none
     */
    protected void activityRegularizer(@Nullable Regularizer regularizer) {
        this.activityRegularizer = regularizer;
    }

    /** @return the activity regularizer, or null */
    public @Nullable Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    /** @return whether this layer keeps state across batches (stateful recurrent layers) */
    public boolean isStateful() {
        return false;
    }

    /**
     * Clears the state a stateful layer carries across batches ({@code reset_states()}); a no-op
     * for layers without state.
     */
    public void resetStates() { }

    /** @return whether {@link #build} has run */
    public boolean isBuilt() {
        return builtInputShape != null;
    }

    /** @return the input shape the layer was built for */
    public long[] builtInputShape() {
        requireBuilt("builtInputShape");
        return builtInputShape.clone();
    }

    /** @return the data type the layer was built with */
    public DataType dtype() {
        return dtype;
    }

    /** @return all weights in Keras order (trainable and not), the live objects */
    public List<Weight> weights() {
        return Collections.unmodifiableList(weights);
    }

    /** @return the weights that training updates: none when the layer is frozen */
    public List<Weight> trainableWeights() {
        if (!trainable) {
            return List.of();
        }
        return weights.stream().filter(Weight::trainable).toList();
    }

    /** @return the weights that training does not update */
    public List<Weight> nonTrainableWeights() {
        if (!trainable) {
            return weights();
        }
        return weights.stream().filter(w -> !w.trainable()).toList();
    }

    /**
     * Copies of the weight values ({@code get_weights()}), in Keras order.
     *
     * @return new arrays
     */
    public List<INDArray> getWeights() {
        return weights.stream().map(w -> w.value().dup()).toList();
    }

    /**
     * Sets the weight values ({@code set_weights(weights)}); the arrays are copied.
     *
     * @param values one array per weight, in Keras order, with matching shapes
     * @throws IllegalArgumentException if the count or a shape differs
     */
    public void setWeights(List<INDArray> values) {
        Objects.requireNonNull(values, "values");
        if (values.size() != weights.size()) {
            throw new IllegalArgumentException("You called `set_weights(weights)` on layer \"" + name()
                    + "\" with a weight list of length " + values.size() + ", but the layer was expecting "
                    + weights.size() + " weights.");
        }
        for (int i = 0; i < values.size(); i++) {
            if (!Arrays.equals(weights.get(i).shape(), values.get(i).shape())) {
                throw new IllegalArgumentException("Layer weight shape " + shapeString(weights.get(i).shape())
                        + " not compatible with provided weight shape " + shapeString(values.get(i).shape())
                        + " (layer " + name() + ", weight " + weights.get(i).name() + ")");
            }
        }
        for (int i = 0; i < values.size(); i++) {
            weights.get(i).value().assign(values.get(i).castTo(dtype));
        }
    }

    /**
     * The number of scalars in all weights ({@code count_params()}).
     *
     * @return the count
     * @throws IllegalStateException if the layer is not built
     */
    public long countParams() {
        requireBuilt("count_params");
        return weights.stream().mapToLong(w -> w.value().length()).sum();
    }

    /**
     * The Keras config of this layer ({@code get_config()}): name, trainable, dtype, the input
     * shape when declared, then the layer's own keys.
     *
     * @return an ordered map with snake_case keys
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("trainable", trainable);
        if (declaredInputShape != null) {
            List<Object> batchInputShape = new ArrayList<>();
            batchInputShape.add(declaredBatchSize);
            for (long d : declaredInputShape) {
                batchInputShape.add(d);
            }
            config.put("batch_input_shape", batchInputShape);
        }
        config.put("dtype", floatxName(dtype));
        return config;
    }

    /**
     * Keras' name of a floating-point type ("float32", "float64", "float16").
     *
     * @param t the ND4J type
     * @return the Keras name
     */
    public static String floatxName(DataType t) {
        return switch (t) {
            case DOUBLE -> "float64";
            case HALF -> "float16";
            case FLOAT -> "float32";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Fails unless the layer is built.
     *
     * @param what the operation, for the message
     */
    protected final void requireBuilt(String what) {
        if (builtInputShape == null) {
            throw new IllegalStateException("You tried to call `" + what + "` on " + name()
                    + ", but the layer isn't built. Add it to a model with an input shape, or call build(inputShape, context).");
        }
    }

    /**
     * Formats a per-sample shape as Keras prints it with the batch dimension: {@code (None, 3, 4)}.
     *
     * @param shape per-sample shape
     * @return the text
     */
    public static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (long d : shape) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }
}
