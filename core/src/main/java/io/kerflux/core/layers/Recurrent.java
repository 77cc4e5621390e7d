package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The sequence loop shared by SimpleRNN, LSTM and GRU: Keras' {@code RNN} layer with its {@code
 * K.rnn} semantics, around a cell that subclasses implement.
 *
 * <p>A cell with a native sequence op that matches Keras' formulas (LSTM: libnd4j's {@code
 * lstmLayer}) runs unmasked sequences without active dropout in that op. Otherwise the input {@code
 * (batch, timesteps, features)} is turned time-major once, the input kernel is applied to all
 * timesteps in one matrix product, and only the recurrent product runs per timestep; the backward
 * pass collects the gradients of the input projections of all timesteps and applies the input
 * kernel's transpose once as well.
 *
 * <p>Masks follow Keras 2.3: at a masked timestep the states keep their previous values and the
 * output repeats the previous output. Dropout masks are drawn once per call (one per sequence of
 * each sample) from the layer's own generator; Keras' implementation 1 draws one mask per gate,
 * implementation 2 (and SimpleRNN) one mask shared by all gates.
 */
abstract class Recurrent extends Layer {
    final int units;
    final Activation activation;
    final boolean useBias;
    final Initializer kernelInitializer;
    final Initializer recurrentInitializer;
    final Initializer biasInitializer;
    final @Nullable Regularizer kernelRegularizer;
    final @Nullable Regularizer recurrentRegularizer;
    final @Nullable Regularizer biasRegularizer;
    final @Nullable Constraint kernelConstraint;
    final @Nullable Constraint recurrentConstraint;
    final @Nullable Constraint biasConstraint;
    final double dropout;
    final double recurrentDropout;
    final boolean returnSequences;
    final boolean goBackwards;
    final boolean stateful;
    final boolean unroll;

    @Nullable Weight kernel;
    @Nullable Weight recurrentKernel;
    @Nullable Weight bias;
    private @Nullable Layer weightOwner;
    private final MaskRandom maskRandom = new MaskRandom(0);
    private INDArray @Nullable [] carried;

    private @Nullable GateProducts products;
    private INDArray @Nullable [] inputs;
    private INDArray @Nullable [] inputMasks;
    private INDArray @Nullable [] recurrentMasks;
    private @Nullable INDArray timeMask;
    private Step @Nullable [] steps;
    private @Nullable INDArray nativeInput;
    private INDArray @Nullable [] nativeInitial;
    private int batch;
    private int timesteps;
    private int features;

    /** What one timestep of a cell keeps for its backward pass. */
    abstract static class Step {
        /** The new states, output first; set by the cell. */
        INDArray[] states = new INDArray[0];
        /** The previous states; set by the loop. */
        INDArray[] previous = new INDArray[0];
        /** The recurrent inputs (previous output, dropout applied), one or one per gate; set by the loop. */
        INDArray[] recurrentInputs = new INDArray[0];
    }

    Recurrent(String prefix, RecurrentBuilder<?> b) {
        super(prefix);
        this.units = b.units;
        this.activation = b.activation;
        this.useBias = b.useBias;
        this.kernelInitializer = b.kernelInitializer;
        this.recurrentInitializer = b.recurrentInitializer;
        this.biasInitializer = b.biasInitializer;
        this.kernelRegularizer = b.kernelRegularizer;
        this.recurrentRegularizer = b.recurrentRegularizer;
        this.biasRegularizer = b.biasRegularizer;
        this.kernelConstraint = b.kernelConstraint;
        this.recurrentConstraint = b.recurrentConstraint;
        this.biasConstraint = b.biasConstraint;
        this.dropout = b.dropout;
        this.recurrentDropout = b.recurrentDropout;
        this.returnSequences = b.returnSequences;
        this.goBackwards = b.goBackwards;
        this.stateful = b.stateful;
        this.unroll = b.unroll;
        b.applyTo(this);
        if (b.batchSize != null) {
            batchSize(b.batchSize);
        }
    }

    // ------------------------------------------------------------------ the cell

    /** @return the number of gate blocks in the kernels (1, 3 or 4) */
    abstract int gates();

    /** @return the number of states (2 for LSTM's output and carry, 1 otherwise) */
    abstract int stateCount();

    /** @return whether dropout draws one mask per gate (Keras implementation 1) */
    abstract boolean maskPerGate();

    /**
     * Runs one timestep.
     *
     * @param zx the input projection of this timestep with the input bias, {@code (batch, gates·units)}
     * @param previous the previous states
     * @param recurrentInputs the previous output with recurrent dropout applied, one array or one per gate
     * @return the step, with its new states set
     */
    abstract Step step(INDArray zx, INDArray[] previous, INDArray[] recurrentInputs);

    /**
     * Back-propagates one timestep.
     *
     * @param step the step of the forward pass
     * @param dStates dL/d new states
     * @param dzx written: dL/d input projection, {@code (batch, gates·units)}, every column
     * @param dRecurrentInputs written: dL/d each recurrent input
     * @return dL/d previous states other than through the recurrent inputs; null entries are zero
     */
    abstract @Nullable INDArray[] stepBackward(Step step, INDArray[] dStates, INDArray dzx,
            INDArray[] dRecurrentInputs);

    /** @return the bias shape; GRU with reset_after overrides it */
    long[] biasShape() {
        return new long[] {(long) gates() * units};
    }

    /** @return the bias initializer used at build; LSTM's unit_forget_bias overrides it */
    Initializer buildBiasInitializer() {
        return biasInitializer;
    }

    /**
     * The part of a bias-shaped array that is added to the input projection.
     *
     * @param biasArray the bias value or gradient
     * @return a view of shape {@code (gates·units)}
     */
    INDArray inputBias(INDArray biasArray) {
        return biasArray;
    }

    /** Adds the keys that follow "activation" in Keras' config. */
    void configAfterActivation(Map<String, Object> config) { }

    /** Adds the keys that follow "bias_initializer" in Keras' config. */
    void configAfterBiasInitializer(Map<String, Object> config) { }

    /** Adds the keys that follow "recurrent_dropout" in Keras' config. */
    void configTail(Map<String, Object> config) { }

    /**
     * A fresh, unbuilt copy with the same arguments and another go_backwards, without input shape,
     * batch size or name (Keras' Bidirectional recreates its layers from the config the same way).
     *
     * @param backwards the go_backwards of the copy
     * @return the copy
     */
    abstract Recurrent copyWithGoBackwards(boolean backwards);

    /**
     * Whether the cell has a native op that computes Keras' formulas for its arguments; it then
     * runs sequences without a mask and without active dropout (the loop handles those).
     *
     * @return false by default
     */
    boolean hasNativeOp() {
        return false;
    }

    /**
     * Runs the whole sequence in the native op.
     *
     * @param x the input in processing order, {@code (batch, timesteps, features)}, contiguous
     * @param initial the initial states, or null for zeros
     * @return the outputs of every step {@code (batch, timesteps, units)} in processing order followed
     *     by the last states
     * @throws UnsupportedOperationException if the cell has no native op
     */
    INDArray[] nativeForward(INDArray x, INDArray @Nullable [] initial) {
        throw new UnsupportedOperationException(className() + " has no native sequence op");
    }

    /**
     * The backward pass of {@link #nativeForward}: writes the weight gradients.
     *
     * @param x the input given to the forward pass
     * @param initial the initial states given to the forward pass, or null
     * @param dOutputs dL/d outputs of every step, {@code (batch, timesteps, units)}, contiguous
     * @return dL/d x
     * @throws UnsupportedOperationException if the cell has no native op
     */
    INDArray nativeBackward(INDArray x, INDArray @Nullable [] initial, INDArray dOutputs) {
        throw new UnsupportedOperationException(className() + " has no native sequence op");
    }

    // ------------------------------------------------------------------ Layer

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** With return_sequences the mask passes on to the next layer; without, the time axis is gone. */
    @Override
    public @Nullable INDArray computeMask(INDArray input, @Nullable INDArray mask) {
        return returnSequences ? mask : null;
    }

    @Override
    public boolean isStateful() {
        return stateful;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException("Input 0 is incompatible with layer " + name()
                    + ": expected ndim=3, found ndim=" + (inputShape.length + 1)
                    + " (input shape " + shapeString(inputShape)
                    + "; a recurrent layer takes (batch, timesteps, features))");
        }
        if (unroll && inputShape[0] == 1) {
            throw new IllegalArgumentException("Cannot unroll a RNN if the time dimension is undefined or equal to 1. "
                    + "Received: unroll=true with input shape " + shapeString(inputShape));
        }
        return returnSequences ? new long[] {inputShape[0], units} : new long[] {units};
    }

    @Override
    protected void doBuild(long[] inputShape, BuildContext context) {
        if (stateful && weightOwner == null && declaredInputShape() != null && declaredBatchSize().isEmpty()) {
            throw new IllegalArgumentException(statefulWithoutBatchSizeMessage());
        }
        Layer owner = weightOwner != null ? weightOwner : this;
        long inputDim = inputShape[1];
        long width = (long) gates() * units;
        kernel = owner.addWeight("kernel", new long[] {inputDim, width}, kernelInitializer,
                kernelRegularizer, kernelConstraint, true, context);
        recurrentKernel = owner.addWeight("recurrent_kernel", new long[] {units, width}, recurrentInitializer,
                recurrentRegularizer, recurrentConstraint, true, context);
        if (useBias) {
            bias = owner.addWeight("bias", biasShape(), buildBiasInitializer(), biasRegularizer, biasConstraint,
                    true, context);
        }
        products = new GateProducts(units, gates(), recurrentKernel);
        maskRandom.reseed(context.rng().nextLong());
    }

    static String statefulWithoutBatchSizeMessage() {
        return "If a RNN is stateful, it needs to know its batch size. Specify the batch size of your input tensors: "
                + "pass batchSize(…) together with inputShape(…) to the first layer of your Sequential model "
                + "(Keras: a `batch_input_shape` argument).";
    }

    /**
     * Makes {@link #doBuild} create the weights on another layer (a Bidirectional wrapper), so they
     * are listed, counted and saved there, in Keras' order.
     */
    final void createWeightsOn(Layer owner) {
        this.weightOwner = owner;
    }

    /**
     * Restarts the dropout mask generator, so the next training calls draw the same masks again.
     *
     * @param seed the generator seed
     */
    @Override
    public void reseed(long seed) {
        maskRandom.reseed(seed);
    }

    /** @return {seed, training calls with dropout so far} */
    @Override
    public long[] randomState() {
        return maskRandom.state();
    }

    /** @param state {seed, training calls with dropout so far}, from {@link #randomState()} */
    @Override
    public void restoreRandomState(long[] state) {
        maskRandom.restore(name(), state);
    }

    /**
     * Sets the states of a stateful layer to zeros ({@code reset_states()}).
     *
     * @throws IllegalStateException if the layer is not stateful
     */
    @Override
    public void resetStates() {
        requireStateful();
        carried = null;
    }

    /**
     * Sets the states of a stateful layer ({@code reset_states(states)}); the arrays are copied.
     *
     * @param values one array per state (LSTM: output then carry), each {@code (batch, units)}
     * @throws IllegalStateException if the layer is not stateful
     * @throws IllegalArgumentException if the count or a shape is wrong
     */
    public void resetStates(List<INDArray> values) {
        requireStateful();
        if (values.size() != stateCount()) {
            throw new IllegalArgumentException("Layer " + name() + " expects " + stateCount()
                    + " states, but it received " + values.size() + " state values.");
        }
        long expectedBatch = values.get(0).rank() == 2 ? values.get(0).size(0) : -1;
        INDArray[] copies = new INDArray[values.size()];
        for (int i = 0; i < copies.length; i++) {
            INDArray v = values.get(i);
            if (v.rank() != 2 || v.size(0) != expectedBatch || v.size(1) != units
                    || declaredBatchSize().isPresent() && v.size(0) != declaredBatchSize().getAsLong()) {
                throw new IllegalArgumentException("State " + i + " is incompatible with layer " + name()
                        + ": expected shape=(batch_size, " + units + ") with one batch size for all states"
                        + ", found shape=" + Arrays.toString(v.shape()));
            }
            copies[i] = v.castTo(dtype()).dup();
        }
        carried = copies;
    }

    /**
     * The states a stateful layer carries into its next call ({@code layer.states}).
     *
     * @return copies, output state first; empty before the first call or after {@link #resetStates()}
     *     (the states are then zeros)
     */
    public List<INDArray> states() {
        List<INDArray> out = new ArrayList<>();
        if (carried != null) {
            for (INDArray s : carried) {
                out.add(s.dup());
            }
        }
        return out;
    }

    private void requireStateful() {
        if (!stateful) {
            throw new IllegalStateException("Layer must be stateful. Layer " + name() + " has stateful=false.");
        }
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        return run(input, inputMask(), training);
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        return runBackward(gradOutput, needInputGradient);
    }

    // ------------------------------------------------------------------ the loop

    /**
     * The forward pass over a whole sequence.
     *
     * @param input {@code (batch, timesteps, features)}
     * @param mask null or {@code (batch, timesteps)}, 1 for kept timesteps
     * @param training whether dropout is active
     * @return {@code (batch, timesteps, units)} in processing order, or {@code (batch, units)}
     */
    final INDArray run(INDArray input, @Nullable INDArray mask, boolean training) {
        long inputDim = kernel.value().size(0);
        if (input.rank() != 3 || input.size(2) != inputDim) {
            throw new IllegalArgumentException("Input 0 is incompatible with layer " + name()
                    + ": expected shape=(None, None, " + inputDim + "), found shape=" + Arrays.toString(input.shape()));
        }
        DataType dt = input.dataType();
        batch = Math.toIntExact(input.size(0));
        timesteps = Math.toIntExact(input.size(1));
        features = Math.toIntExact(inputDim);
        if (mask != null && (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != timesteps)) {
            throw new IllegalArgumentException("The mask of layer " + name() + " must have shape (batch, timesteps) = ("
                    + batch + ", " + timesteps + "). Received: mask of shape " + Arrays.toString(mask.shape()));
        }
        INDArray[] initial = initialStates(dt);
        nativeInput = null;
        if (mask == null && !(training && (dropout > 0 || recurrentDropout > 0)) && hasNativeOp()) {
            INDArray x = goBackwards ? reverseTime(input) : contiguous(input);
            INDArray[] start = stateful && carried != null ? initial : null;
            INDArray[] result = nativeForward(x, start);
            nativeInput = x;
            nativeInitial = start;
            if (stateful) {
                carried = Arrays.copyOfRange(result, 1, result.length);
            }
            return returnSequences ? result[0] : result[1];
        }
        products.beginForward();
        int width = gates() * units;

        INDArray x = input.permute(1, 0, 2).dup('c').reshape('c', (long) timesteps * batch, features);
        SplittableRandom random = training && (dropout > 0 || recurrentDropout > 0) ? maskRandom.nextCall() : null;
        inputMasks = training && dropout > 0 ? tiledMasks(random, dropout, features, dt) : null;
        inputs = maskedInputs(x, inputMasks);
        INDArray xw = Nd4j.createUninitialized(dt, (long) timesteps * batch, width);
        products.input(inputs, kernel.value(), xw);
        if (bias != null) {
            xw.addiRowVector(inputBias(bias.value()));
        }
        recurrentMasks = training && recurrentDropout > 0 ? drawMasks(random, recurrentDropout, units, dt) : null;
        timeMask = mask == null ? null : mask.castTo(dt).transpose().dup('c');

        steps = new Step[timesteps];
        INDArray outputs = returnSequences ? Nd4j.createUninitialized(dt, (long) timesteps * batch, units) : null;
        INDArray[] states = initial;
        for (int k = 0; k < timesteps; k++) {
            int t = goBackwards ? timesteps - 1 - k : k;
            INDArray[] recurrentInputs = recurrentInputs(states[0]);
            Step s = step(rows(xw, t), states, recurrentInputs);
            s.previous = states;
            s.recurrentInputs = recurrentInputs;
            steps[k] = s;
            states = timeMask == null ? s.states : keepMaskedStates(s.states, states, maskColumn(t));
            if (outputs != null) {
                rows(outputs, k).assign(states[0]);
            }
        }
        if (stateful) {
            carried = states;
        }
        if (outputs == null) {
            return states[0];
        }
        return outputs.reshape('c', timesteps, batch, units).permute(1, 0, 2).dup('c');
    }

    /**
     * The backward pass of the last {@link #run}.
     *
     * @param gradOutput dL/d output
     * @param needInputGradient whether to return dL/d input
     * @return dL/d input {@code (batch, timesteps, features)}, or null
     */
    final @Nullable INDArray runBackward(INDArray gradOutput, boolean needInputGradient) {
        DataType dt = gradOutput.dataType();
        if (nativeInput != null) {
            INDArray dOutputs;
            if (returnSequences) {
                dOutputs = contiguous(gradOutput);
            } else {
                dOutputs = Nd4j.zeros(dt, batch, timesteps, units);
                dOutputs.get(NDArrayIndex.all(), NDArrayIndex.point(timesteps - 1), NDArrayIndex.all())
                        .assign(gradOutput);
            }
            INDArray dx = nativeBackward(nativeInput, nativeInitial, dOutputs);
            if (!needInputGradient) {
                return null;
            }
            return goBackwards ? reverseTime(dx) : dx;
        }
        int width = gates() * units;
        recurrentKernel.gradient().assign(0);
        products.beginBackward();
        if (bias != null) {
            bias.gradient().assign(0);
        }
        INDArray dxw = Nd4j.createUninitialized(dt, (long) timesteps * batch, width);
        INDArray dOut = returnSequences
                ? gradOutput.permute(1, 0, 2).dup('c').reshape('c', (long) timesteps * batch, units) : null;
        INDArray[] dStates = new INDArray[stateCount()];
        dStates[0] = returnSequences ? Nd4j.zeros(dt, batch, units) : gradOutput.dup();
        for (int i = 1; i < dStates.length; i++) {
            dStates[i] = Nd4j.zeros(dt, batch, units);
        }
        for (int k = timesteps - 1; k >= 0; k--) {
            int t = goBackwards ? timesteps - 1 - k : k;
            if (dOut != null) {
                dStates[0].addi(rows(dOut, k));
            }
            Step s = steps[k];
            INDArray[] dNew = dStates;
            INDArray[] carry = null;
            if (timeMask != null) {
                INDArray m = maskColumn(t);
                INDArray kept = m.rsub(1.0);
                dNew = new INDArray[dStates.length];
                carry = new INDArray[dStates.length];
                for (int i = 0; i < dStates.length; i++) {
                    dNew[i] = dStates[i].mulColumnVector(m);
                    carry[i] = dStates[i].mulColumnVector(kept);
                }
            }
            INDArray[] dRecurrentInputs = new INDArray[s.recurrentInputs.length];
            INDArray[] dPrevious = stepBackward(s, dNew, rows(dxw, t), dRecurrentInputs);
            INDArray[] next = new INDArray[dStates.length];
            for (int i = 0; i < next.length; i++) {
                INDArray d = dPrevious[i] != null ? dPrevious[i] : Nd4j.zeros(dt, batch, units);
                next[i] = carry != null ? d.addi(carry[i]) : d;
            }
            for (int g = 0; g < dRecurrentInputs.length; g++) {
                next[0].addi(recurrentMasks == null ? dRecurrentInputs[g] : dRecurrentInputs[g].mul(recurrentMasks[g]));
            }
            dStates = next;
        }
        products.endBackward();
        products.inputWeightGradient(inputs, dxw, kernel.gradient());
        if (bias != null) {
            inputBias(bias.gradient()).addi(dxw.sum(0));
        }
        if (!needInputGradient) {
            return null;
        }
        INDArray dx = products.inputGradient(dxw, kernel.value(), inputMasks);
        return dx.reshape('c', timesteps, batch, features).permute(1, 0, 2).dup('c');
    }

    /**
     * Reverses {@code (batch, timesteps, n)} along the time axis.
     *
     * @param a the array
     * @return a new array
     */
    static INDArray reverseTime(INDArray a) {
        INDArray out = Nd4j.createUninitialized(a.dataType(), a.shape());
        Nd4j.exec(new Reverse(a, out, 1));
        return out;
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    private INDArray[] initialStates(DataType dt) {
        INDArray[] s = new INDArray[stateCount()];
        if (stateful && carried != null) {
            if (carried[0].size(0) != batch) {
                throw new IllegalArgumentException("Layer " + name() + " is stateful and holds states for a batch of "
                        + carried[0].size(0) + " samples, but received a batch of " + batch + " samples. A stateful "
                        + "layer needs the same batch size in every call (call resetStates() to start over).");
            }
            for (int i = 0; i < s.length; i++) {
                s[i] = carried[i].castTo(dt);
            }
            return s;
        }
        if (stateful && declaredBatchSize().isPresent() && declaredBatchSize().getAsLong() != batch) {
            throw new IllegalArgumentException("Layer " + name() + " is stateful with batch size "
                    + declaredBatchSize().getAsLong() + ", but received a batch of " + batch + " samples.");
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = Nd4j.zeros(dt, batch, units);
        }
        return s;
    }

    private INDArray[] recurrentInputs(INDArray h) {
        if (recurrentMasks == null) {
            return new INDArray[] {h};
        }
        INDArray[] r = new INDArray[recurrentMasks.length];
        for (int g = 0; g < r.length; g++) {
            r[g] = h.mul(recurrentMasks[g]);
        }
        return r;
    }

    private INDArray maskColumn(int t) {
        return timeMask.get(NDArrayIndex.point(t), NDArrayIndex.all()).reshape(batch, 1);
    }

    /** Keras' masked step: where the mask is 0 the previous states carry over. */
    private static INDArray[] keepMaskedStates(INDArray[] fresh, INDArray[] previous, INDArray m) {
        INDArray[] out = new INDArray[fresh.length];
        for (int i = 0; i < fresh.length; i++) {
            out[i] = fresh[i].sub(previous[i]).muliColumnVector(m).addi(previous[i]);
        }
        return out;
    }

    /** The rows of step {@code t} of a time-major {@code (timesteps·batch, n)} array: a contiguous view. */
    final INDArray rows(INDArray timeMajor, int t) {
        return timeMajor.get(NDArrayIndex.interval((long) t * batch, (long) (t + 1) * batch), NDArrayIndex.all());
    }

    // ------------------------------------------------------------------ dropout

    private int maskCount() {
        return maskPerGate() ? gates() : 1;
    }

    private INDArray[] drawMasks(SplittableRandom random, double rate, int width, DataType dt) {
        INDArray[] masks = new INDArray[maskCount()];
        double scale = 1.0 / (1.0 - rate);
        for (int g = 0; g < masks.length; g++) {
            double[] values = new double[batch * width];
            for (int i = 0; i < values.length; i++) {
                // keeps a unit with probability 1 - rate, as TensorFlow's dropout does
                values[i] = random.nextDouble() >= rate ? scale : 0.0;
            }
            masks[g] = Nd4j.create(values, new long[] {batch, width}, dt);
        }
        return masks;
    }

    /** Input dropout masks repeated over the timesteps, since one mask serves the whole sequence. */
    private INDArray[] tiledMasks(SplittableRandom random, double rate, int width, DataType dt) {
        INDArray[] masks = drawMasks(random, rate, width, dt);
        for (int g = 0; g < masks.length; g++) {
            masks[g] = Nd4j.tile(masks[g], timesteps, 1);
        }
        return masks;
    }

    private static INDArray[] maskedInputs(INDArray x, INDArray @Nullable [] masks) {
        if (masks == null) {
            return new INDArray[] {x};
        }
        INDArray[] out = new INDArray[masks.length];
        for (int g = 0; g < masks.length; g++) {
            out[g] = x.mul(masks[g]);
        }
        return out;
    }

    // ------------------------------------------------------------------ gate products for the cells

    /**
     * The recurrent product of gates {@code [from, from + n)}: {@code (batch, n·units)}.
     *
     * @param hs one recurrent input for all these gates, or one per gate of the layer (indexed by gate)
     * @return a new array
     */
    final INDArray recurrentProduct(INDArray[] hs, int from, int n) {
        return products.recurrent(hs, from, n);
    }

    /**
     * The backward pass of {@link #recurrentProduct}: accumulates the recurrent kernel's gradient.
     *
     * @param hs the inputs given to the forward call
     * @param dOut dL/d product, {@code (batch, n·units)}, contiguous
     * @return dL/d each input, as many as {@code hs}; entries for gates outside the range are null
     */
    final INDArray[] recurrentProductBackward(INDArray[] hs, INDArray dOut, int from, int n) {
        return products.recurrentBackward(hs, dOut, from, n);
    }

    /**
     * Columns of gate {@code g} of a {@code (batch, gates·units)} array: a view.
     *
     * @param a the array
     * @param g the gate index
     * @return the view
     */
    final INDArray gate(INDArray a, int g) {
        return products.gate(a, g);
    }

    // ------------------------------------------------------------------ config

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("return_sequences", returnSequences);
        c.put("return_state", false);
        c.put("go_backwards", goBackwards);
        c.put("stateful", stateful);
        c.put("unroll", unroll);
        c.put("units", units);
        c.put("activation", activation.name());
        configAfterActivation(c);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", Configs.serialize(kernelInitializer));
        c.put("recurrent_initializer", Configs.serialize(recurrentInitializer));
        c.put("bias_initializer", Configs.serialize(biasInitializer));
        configAfterBiasInitializer(c);
        c.put("kernel_regularizer", Configs.serialize(kernelRegularizer));
        c.put("recurrent_regularizer", Configs.serialize(recurrentRegularizer));
        c.put("bias_regularizer", Configs.serialize(biasRegularizer));
        c.put("activity_regularizer", Configs.serialize(activityRegularizer()));
        c.put("kernel_constraint", Configs.serialize(kernelConstraint));
        c.put("recurrent_constraint", Configs.serialize(recurrentConstraint));
        c.put("bias_constraint", Configs.serialize(biasConstraint));
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
        configTail(c);
        return c;
    }

    /** @return the output dimension */
    public int units() {
        return units;
    }

    /** @return whether the layer outputs the whole sequence */
    public boolean returnSequences() {
        return returnSequences;
    }

    /** @return whether the layer processes the sequence from its end */
    public boolean goBackwards() {
        return goBackwards;
    }
}
