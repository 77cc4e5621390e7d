package io.kerflux.core.layers;

import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.initializers.Initializers;
import io.kerflux.core.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns non-negative integer indices into dense vectors of fixed size: each index {@code i} is
 * replaced by row {@code i} of the {@code embeddings} matrix.
 *
 * <p>Keras equivalent: {@code keras.layers.Embedding(input_dim, output_dim,
 * embeddings_initializer='uniform', embeddings_regularizer=None, activity_regularizer=None,
 * embeddings_constraint=None, mask_zero=False, input_length=None)}. The weight {@code embeddings}
 * has shape {@code (inputDim, outputDim)}, as in Keras, so imported Keras weights work unchanged.
 *
 * <p>The input holds the indices as floating-point numbers, shape {@code (batch, T)} (or any
 * rank); the output has shape {@code (batch, T, outputDim)}. As Keras casts its input to int32,
 * a fractional index is truncated toward zero (2.7 becomes 2). An index outside {@code [0,
 * inputDim)} fails, as Keras does with TensorFlow on the CPU.
 *
 * <p>With {@code maskZero} the layer emits a mask that is 0 where the input is 0 and 1 elsewhere,
 * so index 0 is reserved for padding: {@code inputDim} must then be the vocabulary size + 1.
 * {@code inputLength} fixes the input shape to {@code (inputLength,)}, like {@code
 * inputShape(inputLength)}, which Flatten followed by Dense needs.
 *
 * <p>The indices have no gradient: {@link #backprop} returns zeros of the input's shape when an
 * input gradient is asked for. The gradient of {@code embeddings} adds up the output gradients of
 * every position that looked up a row (rows not looked up get 0).
 */
public final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private final Initializer embeddingsInitializer;
    private final @Nullable Regularizer embeddingsRegularizer;
    private final @Nullable Constraint embeddingsConstraint;
    private final boolean maskZero;
    private final @Nullable Integer inputLength;

    private @Nullable Weight embeddings;
    private @Nullable INDArray lastIndices;
    private long @Nullable [] lastInputShape;
    private @Nullable DataType lastInputType;

    /**
     * An Embedding layer with Keras' defaults (uniform initializer in [-0.05, 0.05), no
     * regularizers or constraint, no mask, variable input length).
     *
     * @param inputDim the vocabulary size: the largest index + 1, positive
     * @param outputDim the size of each vector, positive
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public Embedding(int inputDim, int outputDim) {
        this(builder(inputDim, outputDim));
    }

    private Embedding(Builder b) {
        super("embedding");
        this.inputDim = b.inputDim;
        this.outputDim = b.outputDim;
        this.embeddingsInitializer = b.embeddingsInitializer;
        this.embeddingsRegularizer = b.embeddingsRegularizer;
        this.embeddingsConstraint = b.embeddingsConstraint;
        this.maskZero = b.maskZero;
        this.inputLength = b.inputLength;
        activityRegularizer(b.activityRegularizer);
        b.applyTo(this);
        // As in Keras, an explicit input shape wins over the one input_length implies.
        if (b.inputShape == null && inputLength != null) {
            inputShape(inputLength);
        }
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @param inputDim the vocabulary size: the largest index + 1, positive
     * @param outputDim the size of each vector, positive
     * @return the builder
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public static Builder builder(int inputDim, int outputDim) {
        return new Builder(inputDim, outputDim);
    }

    @Override
    public String className() {
        return "Embedding";
    }

    /** @return the vocabulary size */
    public int inputDim() {
        return inputDim;
    }

    /** @return the size of each vector */
    public int outputDim() {
        return outputDim;
    }

    /** @return whether index 0 is padding that the emitted mask hides */
    public boolean maskZero() {
        return maskZero;
    }

    /** @return the fixed input length, or null */
    public @Nullable Integer inputLength() {
        return inputLength;
    }

    /** As in Keras, the layer accepts a mask exactly when it makes one ({@code supports_masking = mask_zero}). */
    @Override
    public boolean supportsMasking() {
        return maskZero;
    }

    /**
     * The output mask: 1 where the input is not 0, 0 where it is, when {@code maskZero} is set.
     *
     * @param input the indices, shape {@code (batch, T)}
     * @param mask ignored: the mask comes from the indices alone, as in Keras
     * @return a mask shaped like the input, in the input's floating-point type; null without
     *     {@code maskZero}
     */
    @Override
    public @Nullable INDArray computeMask(INDArray input, @Nullable INDArray mask) {
        if (!maskZero) {
            return null;
        }
        // Keras compares the raw input with 0 before the int cast, so 0.5 is kept although it reads row 0.
        return input.neq(0.0).castTo(input.dataType());
    }

    /**
     * The output shape: the input shape with {@code outputDim} appended.
     *
     * @param inputShape the per-sample shape of the indices
     * @return {@code (inputShape…, outputDim)}
     * @throws IllegalArgumentException if {@code inputLength} is set and the input is not {@code
     *     (inputLength,)}
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (inputLength != null && (inputShape.length != 1 || inputShape[0] != inputLength)) {
            throw new IllegalArgumentException("\"input_length\" is " + inputLength
                    + ", but received input has shape " + shapeString(inputShape));
        }
        long[] out = Arrays.copyOf(inputShape, inputShape.length + 1);
        out[inputShape.length] = outputDim;
        return out;
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        embeddings = addWeight("embeddings", new long[] {inputDim, outputDim}, embeddingsInitializer,
                embeddingsRegularizer, embeddingsConstraint, true, context);
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        // Casting truncates toward zero, as Keras' cast to int32 does.
        INDArray indices = input.castTo(DataType.INT32).reshape(input.length());
        checkRange(indices, input.shape());
        INDArray table = embeddings.value();
        INDArray rows = Nd4j.createUninitialized(table.dataType(), indices.length(), outputDim);
        Nd4j.exec(DynamicCustomOp.builder("gather")
                .addInputs(table, indices)
                .addOutputs(rows)
                .addIntegerArguments(0)
                .build());
        lastIndices = indices;
        lastInputShape = input.shape();
        lastInputType = input.dataType();
        return rows.reshape('c', outputShapeWithBatch(lastInputShape));
    }

    private long[] outputShapeWithBatch(long[] inputShape) {
        long[] out = Arrays.copyOf(inputShape, inputShape.length + 1);
        out[inputShape.length] = outputDim;
        return out;
    }

    /** Fails on the first index outside [0, inputDim); the scan runs only when one exists. */
    private void checkRange(INDArray indices, long[] inputShape) {
        if (indices.length() == 0
                || (indices.minNumber().intValue() >= 0 && indices.maxNumber().intValue() < inputDim)) {
            return;
        }
        int[] flat = indices.toIntVector();
        int bad = 0;
        while (flat[bad] >= 0 && flat[bad] < inputDim) {
            bad++;
        }
        long[] position = new long[inputShape.length];
        long rest = bad;
        for (int axis = inputShape.length - 1; axis >= 0; axis--) {
            position[axis] = rest % inputShape[axis];
            rest /= inputShape[axis];
        }
        throw new IllegalArgumentException("Layer " + name() + ": indices" + Arrays.toString(position) + " = "
                + flat[bad] + " is not in [0, " + inputDim + "). Indices must be in [0, input_dim). Received: "
                + "input_dim=" + inputDim);
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray grad = embeddings.gradient();
        grad.assign(0);
        INDArray g = gradOutput.reshape('c', lastIndices.length(), outputDim);
        // lock = true: without it, parallel threads adding to the same row lose updates.
        Nd4j.exec(DynamicCustomOp.builder("scatter_add")
                .addInputs(grad, lastIndices, g)
                .addOutputs(grad)
                .addBooleanArguments(true, false)
                .build());
        return needInputGradient ? Nd4j.zeros(lastInputType, lastInputShape) : null;
    }

    /**
     * The Keras config. As in Keras 2, {@code batch_input_shape} is always present: {@code [null,
     * inputLength]} from {@code inputLength}, {@code [null, null]} when the length is free.
     *
     * @return the config
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> base = super.getConfig();
        Map<String, Object> c = base;
        if (!base.containsKey("batch_input_shape")) {
            List<@Nullable Long> batchInputShape = new ArrayList<>();
            batchInputShape.add(declaredBatchSize().isPresent() ? declaredBatchSize().getAsLong() : null);
            batchInputShape.add(null);
            c = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : base.entrySet()) {
                if (e.getKey().equals("dtype")) {
                    c.put("batch_input_shape", batchInputShape);
                }
                c.put(e.getKey(), e.getValue());
            }
        }
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", Configs.serialize(embeddingsInitializer));
        c.put("embeddings_regularizer", Configs.serialize(embeddingsRegularizer));
        Regularizer activity = activityRegularizer();
        c.put("activity_regularizer", Configs.serialize(activity));
        c.put("embeddings_constraint", Configs.serialize(embeddingsConstraint));
        c.put("mask_zero", maskZero);
        c.put("input_length", inputLength);
        return c;
    }

    /** Builder for Embedding's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends LayerBuilder<Builder> {
        private final int inputDim;
        private final int outputDim;
        private Initializer embeddingsInitializer = Initializers.get("uniform");
        private @Nullable Regularizer embeddingsRegularizer;
        private @Nullable Regularizer activityRegularizer;
        private @Nullable Constraint embeddingsConstraint;
        private boolean maskZero;
        private @Nullable Integer inputLength;

        private Builder(int inputDim, int outputDim) {
            if (inputDim <= 0) {
                throw new IllegalArgumentException("input_dim must be a positive integer, the vocabulary size "
                        + "(largest index + 1). Received: input_dim=" + inputDim);
            }
            if (outputDim <= 0) {
                throw new IllegalArgumentException(
                        "output_dim must be a positive integer. Received: output_dim=" + outputDim);
            }
            this.inputDim = inputDim;
            this.outputDim = outputDim;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param name a Keras initializer name (default "uniform") @return this builder */
        public Builder embeddingsInitializer(String name) {
            return embeddingsInitializer(Initializers.get(name));
        }

        /** @param value the initializer of the embeddings matrix @return this builder */
        public Builder embeddingsInitializer(Initializer value) {
            this.embeddingsInitializer = Objects.requireNonNull(value, "embeddingsInitializer");
            return this;
        }

        /** @param value penalty on the embeddings matrix, or null @return this builder */
        public Builder embeddingsRegularizer(@Nullable Regularizer value) {
            this.embeddingsRegularizer = value;
            return this;
        }

        /** @param value penalty on the output, or null @return this builder */
        public Builder activityRegularizer(@Nullable Regularizer value) {
            this.activityRegularizer = value;
            return this;
        }

        /** @param value projection of the embeddings matrix after each update, or null @return this builder */
        public Builder embeddingsConstraint(@Nullable Constraint value) {
            this.embeddingsConstraint = value;
            return this;
        }

        /** @param value whether index 0 is padding to mask (default false) @return this builder */
        public Builder maskZero(boolean value) {
            this.maskZero = value;
            return this;
        }

        /**
         * Fixes the input length ({@code input_length}); the input shape becomes {@code
         * (inputLength,)} unless {@link #inputShape} is given.
         *
         * @param value a positive length, or null for sequences of any length
         * @return this builder
         * @throws IllegalArgumentException if the length is not positive
         */
        public Builder inputLength(@Nullable Integer value) {
            if (value != null && value <= 0) {
                throw new IllegalArgumentException(
                        "input_length must be a positive integer or None. Received: input_length=" + value);
            }
            this.inputLength = value;
            return this;
        }

        /** @return the layer */
        public Embedding build() {
            return new Embedding(this);
        }
    }
}
