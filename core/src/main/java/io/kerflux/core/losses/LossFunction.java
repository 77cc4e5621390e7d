package io.kerflux.core.losses;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base class of loss objects: subclasses give the per-sample values and their gradient, this
 * class applies sample weights and the {@link Reduction}.
 *
 * <p>Keras equivalent: {@code keras.losses.Loss} (subclass it and implement {@code call}). Every
 * built-in loss extends this class, and so does a custom loss:
 *
 * <ol>
 *   <li>Pass a name (the key of the loss in logs is always {@code "loss"}; the name labels the
 *       object) and a {@link Reduction} to the constructor.
 *   <li>Implement {@link #call}: one value per sample, shaped like {@code yPred} without its last
 *       axis ({@code (n,)} for {@code (n, C)} predictions, {@code (n, T)} for {@code (n, T, C)}).
 *   <li>Implement {@link #callGradient}: element {@code (i, …, c)} holds {@code d l_i / d
 *       yPred[i, …, c]}, where {@code l_i} is the per-sample value that element belongs to.
 *   <li>Pass an instance to {@code compile(optimizer, loss)}; {@link #compute} and {@link #gradient}
 *       weight and reduce the values as Keras does, and {@link #computeUnreduced} gives the
 *       weighted per-sample values.
 * </ol>
 *
 * <pre>{@code
 * final class MeanCubedError extends LossFunction {
 *     MeanCubedError() { super("mean_cubed_error", Reduction.SUM_OVER_BATCH_SIZE); }
 *
 *     public INDArray call(INDArray yTrue, INDArray yPred) {
 *         INDArray d = Transforms.abs(yPred.sub(yTrue), false);
 *         return Transforms.pow(d, 3, false).mean(yPred.rank() - 1);
 *     }
 *
 *     public INDArray callGradient(INDArray yTrue, INDArray yPred) {
 *         INDArray d = yPred.sub(yTrue);                          // d |d|³ / dd = 3·d·|d|
 *         return d.muli(Transforms.abs(d, true)).muli(3.0 / yPred.size(-1));
 *     }
 * }
 * }</pre>
 *
 * <p>Instances are immutable; one instance may serve several models.
 */
public abstract class LossFunction implements Loss {
    private final String name;
    private final Reduction reduction;

    /**
     * Creates a loss.
     *
     * @param name the name, e.g. "mean_squared_error"
     * @param reduction how {@link #compute} reduces the weighted per-sample values
     */
    protected LossFunction(String name, Reduction reduction) {
        this.name = Objects.requireNonNull(name, "name");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * The reduction {@link #compute} applies.
     *
     * @return the reduction
     */
    public final Reduction reduction() {
        return reduction;
    }

    /**
     * The per-sample loss values, before weighting.
     *
     * @param yTrue targets, shape {@code (n, …, C)}
     * @param yPred predictions, shape {@code (n, …, C)}
     * @return a new array shaped like {@code yPred} without its last axis
     * @throws IllegalArgumentException if the shapes do not fit the loss
     */
    @Override
    public abstract INDArray call(INDArray yTrue, INDArray yPred);

    /**
     * The gradient of each per-sample value with respect to the predictions it depends on.
     *
     * @param yTrue targets, as for {@link #call}
     * @param yPred predictions, as for {@link #call}
     * @return a new array shaped like {@code yPred}: {@code d l_i / d yPred[i, …, c]}
     * @throws IllegalArgumentException if the shapes do not fit the loss
     */
    public abstract INDArray callGradient(INDArray yTrue, INDArray yPred);

    /**
     * The weighted per-sample values {@code w_i·l_i}: what Keras returns for reduction "none".
     * Available whatever this loss's reduction is.
     *
     * @param yTrue targets
     * @param yPred predictions
     * @param sampleWeight null (all 1), a scalar, {@code (n,)}, {@code (n, 1)}, or {@code (n, T)}
     *     for temporal predictions; anything broadcastable to the per-sample shape
     * @return a new array shaped like {@code yPred} without its last axis
     * @throws IllegalArgumentException if {@code yPred} has fewer than 2 dimensions, the shapes do
     *     not fit the loss, or the weights cannot broadcast to the per-sample shape
     */
    public final INDArray computeUnreduced(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
        LossMath.requireSamplesAndFeatures(name, yPred);
        INDArray values = call(yTrue, yPred);
        long[] perSample = LossMath.leading(yPred.shape());
        if (!Arrays.equals(values.shape(), perSample)) {
            throw new IllegalStateException("Loss " + name + ": call() must return one value per sample, shape "
                    + LossMath.shape(perSample) + " for y_pred of shape " + LossMath.shape(yPred.shape())
                    + ". Received: shape " + LossMath.shape(values.shape()));
        }
        INDArray w = LossMath.expandWeights(sampleWeight, perSample, yPred.shape(), values.dataType());
        return w == null ? values : values.muli(w);
    }

    /**
     * The weighted loss of a batch, reduced with {@link #reduction()}: {@code Σ w_i·l_i / count(l)}
     * for "sum_over_batch_size", {@code Σ w_i·l_i} for "sum".
     *
     * @throws IllegalStateException if the reduction is "none": use {@link #computeUnreduced}
     */
    @Override
    public final double compute(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
        requireScalarReduction("compute");
        INDArray weighted = computeUnreduced(yTrue, yPred, sampleWeight);
        double sum = weighted.sumNumber().doubleValue();
        return reduction == Reduction.SUM ? sum : sum / weighted.length();
    }

    /**
     * The gradient of {@link #compute} with respect to {@code yPred}.
     *
     * @throws IllegalStateException if the reduction is "none" (there is no scalar to differentiate;
     *     {@link #callGradient} gives the per-sample gradients)
     */
    @Override
    public final INDArray gradient(INDArray yTrue, INDArray yPred, @Nullable INDArray sampleWeight) {
        requireScalarReduction("gradient");
        LossMath.requireSamplesAndFeatures(name, yPred);
        long[] predShape = yPred.shape();
        INDArray g = callGradient(yTrue, yPred);
        if (!Arrays.equals(g.shape(), predShape)) {
            throw new IllegalStateException("Loss " + name + ": callGradient() must return an array shaped like y_pred "
                    + LossMath.shape(predShape) + ". Received: shape " + LossMath.shape(g.shape()));
        }
        long[] perSample = LossMath.leading(predShape);
        long m = LossMath.count(perSample);
        INDArray rows = g.reshape('c', m, predShape[predShape.length - 1]);
        INDArray w = LossMath.expandWeights(sampleWeight, perSample, predShape, g.dataType());
        if (w != null) {
            rows.muliColumnVector(w.reshape('c', m, 1));
        }
        if (reduction == Reduction.SUM_OVER_BATCH_SIZE) {
            rows.divi(m);
        }
        return rows.reshape('c', predShape);
    }

    private void requireScalarReduction(String method) {
        if (reduction == Reduction.NONE) {
            throw new IllegalStateException("Loss " + name + " has reduction='none', so " + method
                    + "() has no scalar to return; use computeUnreduced() or callGradient(), or build the loss"
                    + " with reduction 'sum_over_batch_size' or 'sum'");
        }
    }

    /**
     * A builder for the Keras arguments every loss object takes, {@code reduction} and {@code name}.
     *
     * @param <B> the concrete builder type
     * @param <L> the loss it builds
     */
    public abstract static class Builder<B extends Builder<B, L>, L extends LossFunction> {
        private String name;
        private Reduction reduction = Reduction.SUM_OVER_BATCH_SIZE;

        /**
         * Starts a builder.
         *
         * @param defaultName the name used unless {@link #name(String)} is called
         */
        protected Builder(String defaultName) {
            this.name = Objects.requireNonNull(defaultName, "defaultName");
        }

        /**
         * Sets the reduction.
         *
         * @param reduction the reduction; default {@link Reduction#SUM_OVER_BATCH_SIZE}
         * @return this builder
         */
        public final B reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return self();
        }

        /**
         * Sets the reduction by its Keras name.
         *
         * @param reduction "sum_over_batch_size" (default), "sum" or "none"
         * @return this builder
         * @throws IllegalArgumentException for any other name
         */
        public final B reduction(String reduction) {
            return reduction(Reduction.fromKerasName(reduction));
        }

        /**
         * Sets the name.
         *
         * @param name the loss name
         * @return this builder
         */
        public final B name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return self();
        }

        /**
         * The name given so far.
         *
         * @return the name
         */
        protected final String builtName() {
            return name;
        }

        /**
         * The reduction given so far.
         *
         * @return the reduction
         */
        protected final Reduction builtReduction() {
            return reduction;
        }

        /**
         * This builder, typed as the concrete builder.
         *
         * @return this
         */
        protected abstract B self();

        /**
         * Creates the loss.
         *
         * @return a new loss
         * @throws IllegalArgumentException if an argument is out of range
         */
        public abstract L build();
    }

    /**
     * A builder for losses whose only arguments are {@code reduction} and {@code name}.
     *
     * @param <L> the loss it builds
     */
    public static final class BasicBuilder<L extends LossFunction> extends Builder<BasicBuilder<L>, L> {
        private final BiFunction<String, Reduction, L> factory;

        /**
         * Starts a builder.
         *
         * @param defaultName the name used unless {@link #name(String)} is called
         * @param factory creates the loss from its name and reduction
         */
        public BasicBuilder(String defaultName, BiFunction<String, Reduction, L> factory) {
            super(defaultName);
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        @Override
        protected BasicBuilder<L> self() {
            return this;
        }

        @Override
        public L build() {
            return factory.apply(builtName(), builtReduction());
        }
    }
}
