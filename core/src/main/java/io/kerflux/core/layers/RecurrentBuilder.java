package io.kerflux.core.layers;

import io.kerflux.core.activations.Activations;
import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.initializers.Initializers;
import io.kerflux.core.regularizers.Regularizer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The optional Keras arguments that SimpleRNN, LSTM and GRU share, on top of those of a layer with
 * an input kernel; each method is named like the Keras argument and returns the concrete builder.
 * The activation, for the output and candidate values, defaults to "tanh".
 *
 * @param <B> the concrete builder type
 */
public abstract class RecurrentBuilder<B extends RecurrentBuilder<B>> extends KernelLayerBuilder<B> {
    final int units;
    Initializer recurrentInitializer = Initializers.get("orthogonal");
    @Nullable Regularizer recurrentRegularizer;
    @Nullable Constraint recurrentConstraint;
    double dropout;
    double recurrentDropout;
    boolean returnSequences;
    boolean goBackwards;
    boolean stateful;
    boolean unroll;
    @Nullable Long batchSize;

    RecurrentBuilder(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("units must be a positive integer. Received: units=" + units);
        }
        this.units = units;
        this.activation = Activations.get("tanh");
    }

    /** Copies every shared setting of {@code other} into this builder. */
    final B copyShared(RecurrentBuilder<?> other) {
        activation = other.activation;
        useBias = other.useBias;
        kernelInitializer = other.kernelInitializer;
        recurrentInitializer = other.recurrentInitializer;
        biasInitializer = other.biasInitializer;
        kernelRegularizer = other.kernelRegularizer;
        recurrentRegularizer = other.recurrentRegularizer;
        biasRegularizer = other.biasRegularizer;
        activityRegularizer = other.activityRegularizer;
        kernelConstraint = other.kernelConstraint;
        recurrentConstraint = other.recurrentConstraint;
        biasConstraint = other.biasConstraint;
        dropout = other.dropout;
        recurrentDropout = other.recurrentDropout;
        returnSequences = other.returnSequences;
        goBackwards = other.goBackwards;
        stateful = other.stateful;
        unroll = other.unroll;
        inputShape = other.inputShape == null ? null : other.inputShape.clone();
        batchSize = other.batchSize;
        name = other.name;
        return self();
    }

    /** @param value a Keras initializer name for the recurrent kernel (default "orthogonal") @return this builder */
    public B recurrentInitializer(String value) {
        return recurrentInitializer(Initializers.get(value));
    }

    /** @param value the recurrent kernel initializer @return this builder */
    public B recurrentInitializer(Initializer value) {
        this.recurrentInitializer = Objects.requireNonNull(value, "recurrentInitializer");
        return self();
    }

    /** @param value penalty on the recurrent kernel, or null @return this builder */
    public B recurrentRegularizer(@Nullable Regularizer value) {
        this.recurrentRegularizer = value;
        return self();
    }

    /** @param value projection of the recurrent kernel after each update, or null @return this builder */
    public B recurrentConstraint(@Nullable Constraint value) {
        this.recurrentConstraint = value;
        return self();
    }

    /**
     * Sets the fraction of the input units dropped in training, one mask per sequence.
     *
     * @param value a rate in [0, 1) (default 0)
     * @return this builder
     * @throws IllegalArgumentException if the rate is outside [0, 1)
     */
    public B dropout(double value) {
        this.dropout = rate("dropout", value);
        return self();
    }

    /**
     * Sets the fraction of the recurrent state's units dropped in training, one mask per sequence.
     *
     * @param value a rate in [0, 1) (default 0)
     * @return this builder
     * @throws IllegalArgumentException if the rate is outside [0, 1)
     */
    public B recurrentDropout(double value) {
        this.recurrentDropout = rate("recurrent_dropout", value);
        return self();
    }

    /**
     * @param value true to output every timestep's state, false for the last one only (default)
     * @return this builder
     */
    public B returnSequences(boolean value) {
        this.returnSequences = value;
        return self();
    }

    /**
     * Keras' {@code return_state}: only false is accepted, because the extra state outputs make a
     * layer with several outputs, which a Sequential model cannot use.
     *
     * @param value must be false
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is true
     */
    public B returnState(boolean value) {
        if (value) {
            throw new IllegalArgumentException("return_state=True makes the layer return its states as extra "
                    + "outputs, which a Sequential model cannot use: it passes one output to the next layer. "
                    + "Received: return_state=true");
        }
        return self();
    }

    /**
     * @param value true to process the sequence from its last timestep to its first (default false)
     * @return this builder
     */
    public B goBackwards(boolean value) {
        this.goBackwards = value;
        return self();
    }

    /**
     * @param value true to keep the last states of each batch as the initial states of the next one
     *     (default false); the first layer then needs a fixed batch size
     * @return this builder
     */
    public B stateful(boolean value) {
        this.stateful = value;
        return self();
    }

    /**
     * @param value accepted and kept in the config; it has no effect on the JVM (default false)
     * @return this builder
     */
    public B unroll(boolean value) {
        this.unroll = value;
        return self();
    }

    /** @param value the fixed batch size of a first layer (needed when stateful) @return this builder */
    public B batchSize(long value) {
        this.batchSize = value;
        return self();
    }

    /** Validates Keras' implementation mode of LSTM and GRU. */
    static int checkImplementation(int value) {
        if (value != 1 && value != 2) {
            throw new IllegalArgumentException("implementation must be 1 or 2. Received: implementation=" + value);
        }
        return value;
    }

    private static double rate(String argument, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(argument + " must be a float in [0, 1), the fraction of units to drop. "
                    + "Received: " + argument + "=" + value);
        }
        return value;
    }
}
