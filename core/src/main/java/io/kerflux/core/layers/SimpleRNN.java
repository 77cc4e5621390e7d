package io.kerflux.core.layers;

import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected recurrent layer whose output is fed back as its state, over a sequence {@code
 * (batch, timesteps, features)}.
 *
 * <p>Keras equivalent: {@code keras.layers.SimpleRNN} (Keras 2.3). The weights are Keras': {@code
 * kernel} {@code (features, units)}, {@code recurrent_kernel} {@code (units, units)} and {@code bias}
 * {@code (units)}; per timestep {@code h = activation(x·kernel + h·recurrent_kernel + bias)}. The
 * output is {@code h} of the last timestep, or of every timestep with {@code returnSequences} (in
 * processing order: with {@code goBackwards} the first row belongs to the last input timestep, as in
 * Keras). {@code unroll} is kept in the config and has no effect; Keras 2.3's SimpleRNN has no
 * {@code implementation} argument. {@code return_state} is not available: a Sequential model cannot
 * take several outputs.
 */
public final class SimpleRNN extends Recurrent {
    private final Builder settings;

    /**
     * A SimpleRNN with Keras' defaults (tanh).
     *
     * @param units the output dimension, positive
     * @throws IllegalArgumentException if units is not positive
     */
    public SimpleRNN(int units) {
        this(builder(units));
    }

    private SimpleRNN(Builder b) {
        super("simple_rnn", b);
        this.settings = new Builder(b.units).copyShared(b);
    }

    /**
     * Starts a builder for the optional Keras arguments.
     *
     * @param units the output dimension, positive
     * @return the builder
     * @throws IllegalArgumentException if units is not positive
     */
    public static Builder builder(int units) {
        return new Builder(units);
    }

    @Override
    public String className() {
        return "SimpleRNN";
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    int stateCount() {
        return 1;
    }

    @Override
    boolean maskPerGate() {
        return false;
    }

    @Override
    Recurrent copyWithGoBackwards(boolean backwards) {
        Builder b = new Builder(units).copyShared(settings).goBackwards(backwards);
        b.inputShape = null;
        b.batchSize = null;
        b.name = null;
        return new SimpleRNN(b);
    }

    /** The cached values of one timestep. */
    private static final class SimpleStep extends Step {
        INDArray preActivation;
    }

    @Override
    Step step(INDArray zx, INDArray[] previous, INDArray[] recurrentInputs) {
        SimpleStep s = new SimpleStep();
        s.preActivation = recurrentProduct(recurrentInputs, 0, 1).addi(zx);
        s.states = new INDArray[] {activation.apply(s.preActivation)};
        return s;
    }

    @Override
    @Nullable INDArray[] stepBackward(Step step, INDArray[] dStates, INDArray dzx, INDArray[] dRecurrentInputs) {
        SimpleStep s = (SimpleStep) step;
        dzx.assign(activation.backward(s.preActivation, s.states[0], dStates[0]));
        dRecurrentInputs[0] = recurrentProductBackward(s.recurrentInputs, dzx, 0, 1)[0];
        return new INDArray[] {null};
    }

    /** Builder for SimpleRNN's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends RecurrentBuilder<Builder> {
        private Builder(int units) {
            super(units);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the layer */
        public SimpleRNN build() {
            return new SimpleRNN(this);
        }
    }
}
