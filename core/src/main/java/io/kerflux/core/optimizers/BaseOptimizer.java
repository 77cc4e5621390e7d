package io.kerflux.core.optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machinery shared by the Keras optimizers: gradient clipping, learning-rate decay, the
 * iteration count and the per-parameter state.
 *
 * <p>Keras equivalent: the base class {@code keras.optimizers.Optimizer} of Keras 2.3 together with
 * the {@code decay} argument its subclasses share. One {@link #applyGradients} call:
 *
 * <ol>
 *   <li>checks the two lists (a null gradient fails like Keras' "An operation has `None` for
 *       gradient");
 *   <li>on the first call, creates {@code slotCount} zero arrays per parameter in the parameter's
 *       dtype (or adopts those given to {@link #setWeights} before the first step);
 *   <li>clips: when {@code clipnorm > 0} and the global L2 norm of all gradients together is {@code
 *       >= clipnorm}, every gradient is scaled by {@code clipnorm / norm}; then, when {@code
 *       clipvalue > 0}, every element is clipped to {@code [-clipvalue, clipvalue]}. Clipped
 *       gradients go to a scratch buffer: the caller's gradients are never modified;
 *   <li>computes {@code lr = learningRate · 1 / (1 + decay · iterations)}, with the count before this
 *       step (so 0 on the first step), and calls {@link #beginStep} with {@code t = iterations + 1};
 *   <li>calls {@link #update} for each parameter in list order, then increments {@link
 *       #iterations()}.
 * </ol>
 *
 * <p>State is keyed by the position of a parameter in the list: pass the parameters in the same
 * order on every call (shapes are checked). Parameter constraints are not applied here: the
 * caller applies each weight's constraint after this call, which gives Keras' result because a
 * constraint only reads its own parameter.
 *
 * <p>To write an optimizer: extend {@link Builder} (or {@link AdaptiveBuilder}) for its
 * arguments; pass the number of state arrays per parameter ({@code slotCount}, Keras' order) and of
 * scratch arrays it needs ({@code workCount}) to the constructor; implement {@link #className},
 * {@link #beginStep} for the per-step scalars, {@link #update} for the in-place update and
 * {@link #addConfig} for its Keras config keys.
 *
 * <p>An optimizer is not thread-safe: the training thread owns it.
 */
public abstract class BaseOptimizer implements Optimizer {
    /** Keras' {@code K.epsilon()}, the default fuzz factor. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private double learningRate;
    private final double decay;
    private final double epsilon;
    private final @Nullable Double clipnorm;
    private final @Nullable Double clipvalue;
    private final int slotCount;
    private final int workCount;
    private long iterations;
    private ParamState @Nullable [] state;
    /** Slots given to {@link #setWeights} before the first step, as {@code [slot][parameter]}. */
    private INDArray @Nullable [][] pendingSlots;

    /**
     * Creates an optimizer from the shared arguments of its builder.
     *
     * @param builder the builder holding learning rate, decay, epsilon and clipping
     * @param slotCount the state arrays kept per parameter (momenta, accumulators), at least 1
     * @param workCount the scratch arrays {@link #update} receives per parameter
     * @throws IllegalArgumentException if a count is out of range
     */
    protected BaseOptimizer(Builder<?> builder, int slotCount, int workCount) {
        if (slotCount < 1 || workCount < 0) {
            throw new IllegalArgumentException("slotCount must be >= 1 and workCount >= 0. Received: slotCount="
                    + slotCount + ", workCount=" + workCount);
        }
        this.learningRate = builder.learningRate;
        this.decay = builder.decay;
        this.epsilon = builder.epsilon;
        this.clipnorm = builder.clipnorm;
        this.clipvalue = builder.clipvalue;
        this.slotCount = slotCount;
        this.workCount = workCount;
    }

    /**
     * Prepares the scalars of one step, shared by all parameters.
     *
     * @param t the 1-based number of this step ({@code iterations + 1})
     * @param lr the learning rate of this step, decay applied
     */
    protected abstract void beginStep(long t, double lr);

    /**
     * Updates one parameter and its state in place.
     *
     * @param param the parameter
     * @param grad its gradient, already clipped; must not be modified
     * @param slots its state arrays, same shape and dtype as {@code param}, in Keras' order
     * @param work scratch arrays of the same shape and dtype, contents undefined on entry
     */
    protected abstract void update(INDArray param, INDArray grad, INDArray[] slots, INDArray[] work);

    /**
     * Adds the optimizer's own Keras config keys (clipnorm and clipvalue are added by the base).
     *
     * @param config the config to add to, in Keras' key order
     */
    protected abstract void addConfig(Map<String, Object> config);

    /**
     * Scalar state kept besides the per-parameter slots, stored after {@code iterations} by {@link
     * #getWeights()} (Nadam's {@code m_schedule}).
     *
     * @return the values; empty by default
     */
    protected double[] scalarState() {
        return new double[0];
    }

    /**
     * Restores what {@link #scalarState()} returned.
     *
     * @param values as many values as {@link #scalarState()} returns
     */
    protected void restoreScalarState(double[] values) {
        // Only optimizers with scalar state have anything to restore.
    }

    /** @return the decay of the learning rate per update (Keras {@code decay}) */
    protected final double decay() {
        return decay;
    }

    /** @return the fuzz factor (Keras {@code epsilon}) */
    protected final double epsilon() {
        return epsilon;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /**
     * Sets the base learning rate; the next step uses it.
     *
     * @param learningRate the new rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if the rate is negative or not finite
     */
    @Override
    public void learningRate(double learningRate) {
        this.learningRate = HyperParameters.nonNegative("learningRate", learningRate);
    }

    @Override
    public long iterations() {
        return iterations;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (clipnorm != null) {
            config.put("clipnorm", clipnorm);
        }
        if (clipvalue != null) {
            config.put("clipvalue", clipvalue);
        }
        addConfig(config);
        return Collections.unmodifiableMap(config);
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }

    /**
     * Applies one update step; see the class documentation for the order of work.
     *
     * @param params the parameters, updated in place, in the same order on every call
     * @param grads their gradients, same order, shapes and dtype; not modified
     * @throws IllegalArgumentException if a gradient is null, the lists differ in size, a shape or
     *     dtype differs, or the parameters do not match the state of earlier steps; nothing is
     *     changed then
     */
    @Override
    public final void applyGradients(List<INDArray> params, List<INDArray> grads) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(grads, "grads");
        checkGradients(params, grads);
        ParamState[] s = state != null ? checkState(state, params) : createState(params);
        double scale = clipScale(grads);
        double lr = decay > 0 ? learningRate * (1.0 / (1.0 + decay * iterations)) : learningRate;
        beginStep(iterations + 1, lr);
        for (int i = 0; i < s.length; i++) {
            INDArray g = clip(grads.get(i), s[i].clip, scale);
            update(params.get(i), g, s[i].slots, s[i].work);
        }
        iterations++;
    }

    /**
     * The optimizer's state, as Keras' {@code get_weights}: {@code iterations} (an int64 scalar), the
     * scalar state if any (DOUBLE scalars), then each kind of slot for all parameters in turn
     * ({@code [iterations, m_0 … m_n-1, v_0 … v_n-1]} for Adam).
     *
     * <p>Before the first step there are no slots. Unlike Keras 2.3.1, Adam without amsgrad stores
     * no placeholder {@code vhat} arrays.
     *
     * @return copies of the state arrays
     */
    @Override
    public List<INDArray> getWeights() {
        List<INDArray> out = new ArrayList<>();
        out.add(Nd4j.scalar(iterations));
        for (double v : scalarState()) {
            out.add(Nd4j.scalar(v));
        }
        for (INDArray[] kind : slotsByKind()) {
            for (INDArray slot : kind) {
                out.add(slot.dup());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Restores state saved by {@link #getWeights()}, as Keras' {@code set_weights}. Before the first
     * step any number of parameters is accepted; the first {@link #applyGradients} call then checks
     * the saved shapes against its parameters and casts the arrays to their dtype.
     *
     * @param weights arrays in the order of {@link #getWeights()}; copied
     * @throws IllegalArgumentException if the count or a shape does not fit, or {@code iterations} is
     *     not a non-negative integer; nothing is changed then
     */
    @Override
    public void setWeights(List<INDArray> weights) {
        Objects.requireNonNull(weights, "weights");
        int fixed = 1 + scalarState().length;
        int size = weights.size();
        if (state != null && size != fixed + slotCount * state.length) {
            throw new IllegalArgumentException("Length of the specified weight list (" + size
                    + ") does not match the number of weights of the optimizer (" + (fixed + slotCount * state.length) + ")");
        }
        if (size < fixed || (size - fixed) % slotCount != 0) {
            throw new IllegalArgumentException("Length of the specified weight list (" + size + ") does not fit this optimizer: expected "
                    + fixed + " + " + slotCount + " × (number of parameters) arrays");
        }
        for (int i = 0; i < size; i++) {
            Objects.requireNonNull(weights.get(i), "weights[" + i + "]");
        }
        double iters = scalarValue(weights.get(0), "iterations");
        if (!(iters >= 0) || iters != Math.rint(iters)) {
            throw new IllegalArgumentException("iterations must be a non-negative integer. Received: iterations=" + iters);
        }
        double[] scalars = new double[fixed - 1];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = scalarValue(weights.get(1 + i), "weights[" + (1 + i) + "]");
        }
        int n = (size - fixed) / slotCount;
        for (int k = 0; k < slotCount; k++) {
            for (int i = 0; i < n; i++) {
                INDArray w = weights.get(fixed + k * n + i);
                INDArray expected = state != null ? state[i].slots[k] : weights.get(fixed + i);
                if (!w.equalShapes(expected)) {
                    throw new IllegalArgumentException("Optimizer weight shape " + Arrays.toString(expected.shape())
                            + " not compatible with provided weight shape " + Arrays.toString(w.shape())
                            + " (weights[" + (fixed + k * n + i) + "])");
                }
            }
        }
        iterations = (long) iters;
        restoreScalarState(scalars);
        if (state != null) {
            for (int k = 0; k < slotCount; k++) {
                for (int i = 0; i < n; i++) {
                    state[i].slots[k].assign(weights.get(fixed + k * n + i));
                }
            }
        } else {
            INDArray[][] pending = new INDArray[slotCount][n];
            for (int k = 0; k < slotCount; k++) {
                for (int i = 0; i < n; i++) {
                    pending[k][i] = weights.get(fixed + k * n + i).dup();
                }
            }
            pendingSlots = n == 0 ? null : pending;
        }
    }

    private static double scalarValue(INDArray w, String what) {
        if (w.length() != 1) {
            throw new IllegalArgumentException(what + " must be a scalar. Received shape " + Arrays.toString(w.shape()));
        }
        return w.getDouble(0);
    }

    private INDArray[][] slotsByKind() {
        if (state == null) {
            return pendingSlots != null ? pendingSlots : new INDArray[0][0];
        }
        INDArray[][] out = new INDArray[slotCount][state.length];
        for (int i = 0; i < state.length; i++) {
            for (int k = 0; k < slotCount; k++) {
                out[k][i] = state[i].slots[k];
            }
        }
        return out;
    }

    private static void checkGradients(List<INDArray> params, List<INDArray> grads) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException("params and grads must have the same size. Received: "
                    + params.size() + " params and " + grads.size() + " grads");
        }
        for (int i = 0; i < params.size(); i++) {
            INDArray p = params.get(i);
            if (p == null) {
                throw new NullPointerException("params[" + i + "]");
            }
            INDArray g = grads.get(i);
            if (g == null) {
                throw new IllegalArgumentException("An operation has `None` for gradient: grads[" + i + "] (parameter of shape "
                        + Arrays.toString(p.shape()) + ") is null. Please make sure that all of your ops have a gradient "
                        + "defined (i.e. are differentiable).");
            }
            if (!g.equalShapes(p) || g.dataType() != p.dataType()) {
                throw new IllegalArgumentException("grads[" + i + "] must match params[" + i + "] in shape and dtype: expected "
                        + Arrays.toString(p.shape()) + " " + p.dataType() + ", received " + Arrays.toString(g.shape()) + " " + g.dataType());
            }
        }
    }

    private ParamState[] checkState(ParamState[] s, List<INDArray> params) {
        if (s.length != params.size()) {
            throw new IllegalArgumentException("This optimizer holds state for " + s.length + " parameters but received "
                    + params.size() + "; use a new optimizer for a different set of parameters");
        }
        for (int i = 0; i < s.length; i++) {
            INDArray p = params.get(i);
            if (!p.equalShapes(s[i].slots[0]) || p.dataType() != s[i].slots[0].dataType()) {
                throw new IllegalArgumentException("params[" + i + "] has shape " + Arrays.toString(p.shape()) + " " + p.dataType()
                        + " but this optimizer's state for it has " + Arrays.toString(s[i].slots[0].shape()) + " "
                        + s[i].slots[0].dataType() + "; pass the parameters in the same order on every call");
            }
        }
        return s;
    }

    private ParamState[] createState(List<INDArray> params) {
        INDArray[][] pending = pendingSlots;
        int n = params.size();
        if (pending != null) {
            if (pending[0].length != n) {
                throw new IllegalArgumentException("The optimizer weights set with setWeights hold state for " + pending[0].length
                        + " parameters but received " + n);
            }
            for (int i = 0; i < n; i++) {
                if (!params.get(i).equalShapes(pending[0][i])) {
                    throw new IllegalArgumentException("params[" + i + "] has shape " + Arrays.toString(params.get(i).shape())
                            + " but the optimizer weights set with setWeights have " + Arrays.toString(pending[0][i].shape()));
                }
            }
        }
        boolean clipping = (clipnorm != null && clipnorm > 0) || (clipvalue != null && clipvalue > 0);
        Map<DataType, INDArray[]> scratch = scratchBuffers(params, workCount + (clipping ? 1 : 0));
        ParamState[] s = new ParamState[n];
        for (int i = 0; i < n; i++) {
            INDArray p = params.get(i);
            INDArray[] slots = new INDArray[slotCount];
            for (int k = 0; k < slotCount; k++) {
                slots[k] = pending == null ? Nd4j.create(p.dataType(), p.shape(), p.ordering()) : pending[k][i].castTo(p.dataType());
            }
            INDArray[] buffers = scratch.get(p.dataType());
            INDArray[] work = new INDArray[workCount];
            for (int j = 0; j < workCount; j++) {
                work[j] = viewLike(buffers[j], p);
            }
            s[i] = new ParamState(slots, work, clipping ? viewLike(buffers[workCount], p) : null);
        }
        state = s;
        pendingSlots = null;
        return s;
    }

    /**
     * Scratch memory shared by all parameters of a dtype, sized for the largest: parameters are
     * updated one after the other, so one buffer per kind of scratch is enough.
     */
    private static Map<DataType, INDArray[]> scratchBuffers(List<INDArray> params, int count) {
        Map<DataType, Long> longest = new EnumMap<>(DataType.class);
        for (INDArray p : params) {
            longest.merge(p.dataType(), Math.max(1L, p.length()), Math::max);
        }
        Map<DataType, INDArray[]> out = new EnumMap<>(DataType.class);
        longest.forEach((dtype, length) -> {
            INDArray[] buffers = new INDArray[count];
            for (int j = 0; j < count; j++) {
                buffers[j] = Nd4j.createUninitialized(dtype, length);
            }
            out.put(dtype, buffers);
        });
        return out;
    }

    private static INDArray viewLike(INDArray flat, INDArray p) {
        long[] shape = p.shape();
        return Nd4j.create(flat.data(), shape, Nd4j.getStrides(shape, p.ordering()), 0, p.ordering(), p.dataType());
    }

    private double clipScale(List<INDArray> grads) {
        if (clipnorm == null || clipnorm <= 0) {
            return 1.0;
        }
        double sumOfSquares = 0;
        for (INDArray g : grads) {
            double norm = g.norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        double norm = Math.sqrt(sumOfSquares);
        return norm >= clipnorm ? clipnorm / norm : 1.0;
    }

    private INDArray clip(INDArray g, @Nullable INDArray buffer, double scale) {
        boolean byValue = clipvalue != null && clipvalue > 0;
        if (buffer == null || (scale == 1.0 && !byValue)) {
            return g;
        }
        INDArray source = g;
        if (scale != 1.0) {
            g.mul(scale, buffer);
            source = buffer;
        }
        if (byValue) {
            Nd4j.getExecutioner().exec(new ScalarMax(source, null, buffer, -clipvalue));
            Nd4j.getExecutioner().exec(new ScalarMin(buffer, null, buffer, clipvalue));
        }
        return buffer;
    }

    /** One parameter's state arrays and its views of the shared scratch memory. */
    private static final class ParamState {
        final INDArray[] slots;
        final INDArray[] work;
        final @Nullable INDArray clip;

        ParamState(INDArray[] slots, INDArray[] work, @Nullable INDArray clip) {
            this.slots = slots;
            this.work = work;
            this.clip = clip;
        }
    }

    /**
     * The arguments every optimizer takes: learning rate and gradient clipping.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        double learningRate;
        double decay;
        double epsilon = DEFAULT_EPSILON;
        @Nullable Double clipnorm;
        @Nullable Double clipvalue;

        /**
         * Starts a builder with the optimizer's default learning rate.
         *
         * @param defaultLearningRate Keras' default for this optimizer
         */
        protected Builder(double defaultLearningRate) {
            this.learningRate = defaultLearningRate;
        }

        /** @return this builder, typed as the concrete builder */
        protected abstract B self();

        /**
         * Sets the learning rate (Keras {@code learning_rate}, alias {@code lr}).
         *
         * @param learningRate finite, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public B learningRate(double learningRate) {
            this.learningRate = HyperParameters.nonNegative("learningRate", learningRate);
            return self();
        }

        /**
         * Scales all gradients by {@code clipnorm / norm} when their global L2 norm is {@code >=
         * clipnorm} (Keras {@code clipnorm}); 0 disables it but still shows in the config.
         *
         * @param clipnorm finite, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public B clipnorm(double clipnorm) {
            this.clipnorm = HyperParameters.nonNegative("clipnorm", clipnorm);
            return self();
        }

        /**
         * Clips every gradient element to {@code [-clipvalue, clipvalue]} (Keras {@code
         * clipvalue}), after clipnorm; 0 disables it but still shows in the config.
         *
         * @param clipvalue finite, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public B clipvalue(double clipvalue) {
            this.clipvalue = HyperParameters.nonNegative("clipvalue", clipvalue);
            return self();
        }

        final void setDecay(double decay) {
            this.decay = HyperParameters.nonNegative("decay", decay);
        }

        final void setEpsilon(double epsilon) {
            this.epsilon = HyperParameters.nonNegative("epsilon", epsilon);
        }
    }

    /**
     * The arguments of the adaptive optimizers (RMSprop, Adagrad, Adadelta, Adam, Adamax): the
     * shared ones plus {@code decay} and {@code epsilon}.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class AdaptiveBuilder<B extends AdaptiveBuilder<B>> extends Builder<B> {

        /**
         * Starts a builder with the optimizer's default learning rate.
         *
         * @param defaultLearningRate Keras' default for this optimizer
         */
        protected AdaptiveBuilder(double defaultLearningRate) {
            super(defaultLearningRate);
        }

        /**
         * Sets the learning-rate decay: step {@code i} (0-based) uses {@code lr / (1 + decay · i)}
         * (Keras {@code decay}, default 0).
         *
         * @param decay finite, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public B decay(double decay) {
            setDecay(decay);
            return self();
        }

        /**
         * Sets the fuzz factor that keeps the denominators away from 0 (Keras {@code epsilon},
         * default {@code K.epsilon() = 1e-7}).
         *
         * @param epsilon finite, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public B epsilon(double epsilon) {
            setEpsilon(epsilon);
            return self();
        }
    }
}
