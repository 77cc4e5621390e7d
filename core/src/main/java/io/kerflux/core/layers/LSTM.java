package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.activations.Activations;
import io.kerflux.core.initializers.Initializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Long short-term memory (Hochreiter 1997) over a sequence {@code (batch, timesteps, features)}.
 *
 * <p>Keras equivalent: {@code keras.layers.LSTM} (Keras 2.3). The weights are Keras': {@code kernel}
 * {@code (features, 4·units)}, {@code recurrent_kernel} {@code (units, 4·units)} and {@code bias}
 * {@code (4·units)}, with the gate blocks in the order i, f, c, o. Per timestep, with {@code z = x·kernel
 * + h·recurrent_kernel + bias}: {@code i = ra(z_i)}, {@code f = ra(z_f)}, {@code c = f·c + i·a(z_c)},
 * {@code o = ra(z_o)}, {@code h = o·a(c)}, where {@code a} is {@code activation} and {@code ra} is
 * {@code recurrentActivation}. The output is {@code h} of the last timestep, or of every timestep
 * with {@code returnSequences} (in processing order: with {@code goBackwards} the first row belongs
 * to the last input timestep, as in Keras).
 *
 * <p>Defaults follow Keras 2.3.1: {@code recurrentActivation} "sigmoid" (Keras 2.3.0 changed it from
 * "hard_sigmoid"), {@code implementation} 2, {@code unitForgetBias} true (the forget-gate block of
 * the bias starts at 1, the other blocks come from {@code biasInitializer}). {@code implementation}
 * only decides the dropout masks, as in Keras: 1 draws one mask per gate, 2 one mask for all gates.
 * {@code unroll} is kept in the config and has no effect. {@code return_state} is not available: a
 * Sequential model cannot take several outputs.
 *
 * <p>Without a mask and without active dropout, a float32 sequence with Keras' default activations
 * (tanh, sigmoid) runs in {@link LstmKernel} (products in BLAS, gate arithmetic in Java); other
 * types, and tanh, sigmoid or hard_sigmoid in other combinations, run in libnd4j's {@code
 * lstmLayer} and {@code lstmLayer_bp} ops, which compute the same formulas. Masked sequences and
 * active dropout run in a loop over the timesteps.
 */
public final class LSTM extends Recurrent {
    /** lstmLayer's data format (batch, timesteps, features). */
    private static final int NTS = 1;
    /** lstmLayer's forward direction; go_backwards reverses the input instead, for Keras' output order. */
    private static final int FORWARD = 0;

    private final Builder settings;
    private final Activation recurrentActivation;
    private final boolean unitForgetBias;
    private final int implementation;

    private @Nullable LstmKernel fusedKernel;
    /** Whether the last native forward pass ran in {@link LstmKernel}. */
    private boolean fused;

    /**
     * An LSTM with Keras' defaults.
     *
     * @param units the output dimension, positive
     * @throws IllegalArgumentException if units is not positive
     */
    public LSTM(int units) {
        this(builder(units));
    }

    private LSTM(Builder b) {
        super("lstm", b);
        this.settings = new Builder(b.units).copyFrom(b);
        this.recurrentActivation = b.recurrentActivation;
        this.unitForgetBias = b.unitForgetBias;
        this.implementation = b.implementation;
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
        return "LSTM";
    }

    /** @return the gate activation */
    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    @Override
    int gates() {
        return 4;
    }

    @Override
    int stateCount() {
        return 2;
    }

    @Override
    boolean maskPerGate() {
        return implementation == 1;
    }

    @Override
    Initializer buildBiasInitializer() {
        if (!unitForgetBias) {
            return biasInitializer;
        }
        return new UnitForgetBias(biasInitializer, units);
    }

    @Override
    Recurrent copyWithGoBackwards(boolean backwards) {
        Builder b = new Builder(units).copyFrom(settings).goBackwards(backwards);
        b.inputShape = null;
        b.batchSize = null;
        b.name = null;
        return new LSTM(b);
    }

    /** The cached values of one timestep. */
    private static final class LstmStep extends Step {
        INDArray z;
        INDArray i;
        INDArray f;
        INDArray g;
        INDArray o;
        INDArray c;
        INDArray cActivated;
    }

    @Override
    Step step(INDArray zx, INDArray[] previous, INDArray[] recurrentInputs) {
        LstmStep s = new LstmStep();
        s.z = recurrentProduct(recurrentInputs, 0, 4).addi(zx);
        s.i = recurrentActivation.apply(gate(s.z, 0));
        s.f = recurrentActivation.apply(gate(s.z, 1));
        s.g = activation.apply(gate(s.z, 2));
        s.o = recurrentActivation.apply(gate(s.z, 3));
        s.c = s.f.mul(previous[1]).addi(s.i.mul(s.g));
        s.cActivated = activation.apply(s.c);
        s.states = new INDArray[] {s.o.mul(s.cActivated), s.c};
        return s;
    }

    @Override
    @Nullable INDArray[] stepBackward(Step step, INDArray[] dStates, INDArray dzx, INDArray[] dRecurrentInputs) {
        LstmStep s = (LstmStep) step;
        INDArray dh = dStates[0];
        INDArray dc = activation.backward(s.c, s.cActivated, dh.mul(s.o)).addi(dStates[1]);
        gate(dzx, 0).assign(recurrentActivation.backward(gate(s.z, 0), s.i, dc.mul(s.g)));
        gate(dzx, 1).assign(recurrentActivation.backward(gate(s.z, 1), s.f, dc.mul(s.previous[1])));
        gate(dzx, 2).assign(activation.backward(gate(s.z, 2), s.g, dc.mul(s.i)));
        gate(dzx, 3).assign(recurrentActivation.backward(gate(s.z, 3), s.o, dh.mul(s.cActivated)));
        INDArray[] dr = recurrentProductBackward(s.recurrentInputs, dzx, 0, 4);
        System.arraycopy(dr, 0, dRecurrentInputs, 0, dr.length);
        return new INDArray[] {null, dc.muli(s.f)};
    }

    /**
     * libnd4j's {@code lstmLayer} computes exactly Keras' LSTM (same gate order i, f, c, o and
     * kernel layouts) for the activations it shares with Keras.
     */
    @Override
    boolean hasNativeOp() {
        return nativeActivation(recurrentActivation) >= 0 && nativeActivation(activation) >= 0;
    }

    @Override
    INDArray[] nativeForward(INDArray x, INDArray @Nullable [] initial) {
        fused = javaGates() && kernelSupport().supports(x, kernel.value());
        if (fused) {
            return kernelSupport().forward(x, kernel.value(), recurrentKernel.value(),
                    bias == null ? null : bias.value(), initial);
        }
        int gate = nativeActivation(recurrentActivation);
        int cell = nativeActivation(activation);
        DataType dt = x.dataType();
        long b = x.size(0);
        INDArray h = Nd4j.createUninitialized(dt, b, x.size(1), units);
        INDArray hLast = Nd4j.createUninitialized(dt, b, units);
        INDArray cLast = Nd4j.createUninitialized(dt, b, units);
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer")
                .addInputs(nativeInputs(x, initial))
                .addOutputs(h, hLast, cLast)
                .addIntegerArguments(NTS, FORWARD, gate, cell, cell)
                .addFloatingPointArguments(0.0)
                .addBooleanArguments(bias != null, false, initial != null, initial != null, false, true, true, true)
                .build());
        return new INDArray[] {h, hLast, cLast};
    }

    @Override
    INDArray nativeBackward(INDArray x, INDArray @Nullable [] initial, INDArray dOutputs) {
        if (fused) {
            return kernelSupport().backward(dOutputs, kernel.value(), recurrentKernel.value(), kernel.gradient(),
                    recurrentKernel.gradient(), bias == null ? null : bias.gradient());
        }
        INDArray[] in = nativeInputs(x, initial);
        INDArray[] inputs = Arrays.copyOf(in, in.length + 1);
        inputs[in.length] = dOutputs;
        List<INDArray> outputs = new ArrayList<>(List.of(Nd4j.createUninitialized(x.dataType(), x.shape()),
                kernel.gradient(), recurrentKernel.gradient()));
        if (bias != null) {
            outputs.add(bias.gradient());
        }
        if (initial != null) {
            outputs.add(Nd4j.createUninitialized(x.dataType(), initial[0].shape()));
            outputs.add(Nd4j.createUninitialized(x.dataType(), initial[1].shape()));
        }
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer_bp")
                .addInputs(inputs)
                .addOutputs(outputs.toArray(new INDArray[0]))
                .addIntegerArguments(NTS, FORWARD, nativeActivation(recurrentActivation), nativeActivation(activation),
                        nativeActivation(activation))
                .addFloatingPointArguments(0.0)
                .addBooleanArguments(bias != null, false, initial != null, initial != null, false, true, false, false)
                .build());
        return outputs.get(0);
    }

    /** Whether the gates are Keras' defaults, which {@link LstmKernel} computes. */
    private boolean javaGates() {
        return recurrentActivation == Activations.get("sigmoid") && activation == Activations.get("tanh");
    }

    private LstmKernel kernelSupport() {
        if (fusedKernel == null) {
            fusedKernel = new LstmKernel(units);
        }
        return fusedKernel;
    }

    private INDArray[] nativeInputs(INDArray x, INDArray @Nullable [] initial) {
        List<INDArray> in = new ArrayList<>(List.of(x, kernel.value(), recurrentKernel.value()));
        if (bias != null) {
            in.add(bias.value());
        }
        if (initial != null) {
            in.add(initial[0]);
            in.add(initial[1]);
        }
        return in.toArray(new INDArray[0]);
    }

    /** libnd4j's code for an activation with the same formula as Keras', or -1. */
    private static int nativeActivation(Activation a) {
        if (a == Activations.get("tanh")) {
            return 0;
        }
        if (a == Activations.get("sigmoid")) {
            return 2;
        }
        if (a == Activations.get("hard_sigmoid")) {
            return 7;
        }
        return -1;
    }

    @Override
    void configAfterActivation(Map<String, Object> config) {
        config.put("recurrent_activation", recurrentActivation.name());
    }

    @Override
    void configAfterBiasInitializer(Map<String, Object> config) {
        config.put("unit_forget_bias", unitForgetBias);
    }

    @Override
    void configTail(Map<String, Object> config) {
        config.put("implementation", implementation);
    }

    /** Keras' unit_forget_bias: the bias initializer for the i block, ones for f, the initializer again for c and o. */
    private record UnitForgetBias(Initializer base, int units) implements Initializer {
        @Override
        public String className() {
            return base.className();
        }

        @Override
        public Map<String, Object> getConfig() {
            return base.getConfig();
        }

        @Override
        public INDArray generate(long[] shape, DataType dtype, RandomGenerator rng) {
            INDArray input = base.generate(new long[] {units}, dtype, rng);
            INDArray forget = Nd4j.ones(dtype, units);
            INDArray rest = base.generate(new long[] {2L * units}, dtype, rng);
            return Nd4j.concat(0, input, forget, rest);
        }
    }

    /** Builder for LSTM's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends GatedRecurrentBuilder<Builder> {
        private boolean unitForgetBias = true;

        private Builder(int units) {
            super(units);
        }

        @Override
        Builder self() {
            return this;
        }

        private Builder copyFrom(Builder other) {
            copyGated(other);
            unitForgetBias = other.unitForgetBias;
            return this;
        }

        /** @param value whether the forget-gate bias starts at 1 (default true) @return this builder */
        public Builder unitForgetBias(boolean value) {
            this.unitForgetBias = value;
            return this;
        }

        /** @return the layer */
        public LSTM build() {
            return new LSTM(this);
        }
    }
}
