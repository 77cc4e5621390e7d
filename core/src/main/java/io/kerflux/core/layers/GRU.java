package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gated recurrent unit (Cho et al. 2014) over a sequence {@code (batch, timesteps, features)}.
 *
 * <p>Keras equivalent: {@code keras.layers.GRU} (Keras 2.3). The weights are Keras': {@code kernel}
 * {@code (features, 3·units)} and {@code recurrent_kernel} {@code (units, 3·units)} with the gate
 * blocks in the order z (update), r (reset), h (candidate), and {@code bias} {@code (3·units)}, or
 * {@code (2, 3·units)} with {@code resetAfter} (row 0 for the input, row 1 for the recurrent
 * product). Per timestep: {@code z = ra(x·W_z + h·U_z + b_z)}, {@code r = ra(x·W_r + h·U_r + b_r)},
 * {@code h̃ = a(x·W_h + (r·h)·U_h + b_h)} (with {@code resetAfter}: {@code a(x·W_h + b0_h + r·(h·U_h +
 * b1_h))}), and {@code h = z·h + (1 − z)·h̃}.
 *
 * <p>Defaults follow Keras 2.3.1: {@code recurrentActivation} "sigmoid" (Keras 2.3.0 changed it from
 * "hard_sigmoid"), {@code implementation} 2, {@code resetAfter} false. {@code implementation} only
 * decides the dropout masks, as in Keras: 1 draws one mask per gate; 2 draws one mask for all gates
 * and, like Keras 2, also mixes the dropped previous state into the new state. {@code unroll} is
 * kept in the config and has no effect. {@code return_state} is not available: a Sequential model
 * cannot take several outputs.
 *
 * <p>The sequence runs in a loop over the timesteps. libnd4j's {@code gru} op is not used: in ND4J
 * 1.0.0-M2.1 its results for more than one unit differ from Keras' formula (its finite differences
 * disagree with this layer's exact gradients), and it has no separate recurrent bias for reset_after.
 */
public final class GRU extends Recurrent {
    private final Builder settings;
    private final Activation recurrentActivation;
    private final int implementation;
    private final boolean resetAfter;

    /**
     * A GRU with Keras' defaults.
     *
     * @param units the output dimension, positive
     * @throws IllegalArgumentException if units is not positive
     */
    public GRU(int units) {
        this(builder(units));
    }

    private GRU(Builder b) {
        super("gru", b);
        this.settings = new Builder(b.units).copyFrom(b);
        this.recurrentActivation = b.recurrentActivation;
        this.implementation = b.implementation;
        this.resetAfter = b.resetAfter;
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
        return "GRU";
    }

    /** @return the gate activation */
    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    /** @return whether the reset gate applies after the recurrent product (CuDNN convention) */
    public boolean resetAfter() {
        return resetAfter;
    }

    @Override
    int gates() {
        return 3;
    }

    @Override
    int stateCount() {
        return 1;
    }

    @Override
    boolean maskPerGate() {
        return implementation == 1;
    }

    @Override
    long[] biasShape() {
        return resetAfter ? new long[] {2, 3L * units} : new long[] {3L * units};
    }

    @Override
    INDArray inputBias(INDArray biasArray) {
        return resetAfter ? biasArray.get(NDArrayIndex.point(0), NDArrayIndex.all()) : biasArray;
    }

    private INDArray recurrentBias(INDArray biasArray) {
        return biasArray.get(NDArrayIndex.point(1), NDArrayIndex.all());
    }

    @Override
    Recurrent copyWithGoBackwards(boolean backwards) {
        Builder b = new Builder(units).copyFrom(settings).goBackwards(backwards);
        b.inputShape = null;
        b.batchSize = null;
        b.name = null;
        return new GRU(b);
    }

    /** The cached values of one timestep. */
    private static final class GruStep extends Step {
        INDArray zPre;
        INDArray rPre;
        INDArray hPre;
        INDArray z;
        INDArray r;
        INDArray candidate;
        /** The state mixed into the new state: the dropped one in implementation 2, as in Keras 2. */
        INDArray mixed;
        /** Without reset_after: r·h, the input of the candidate's recurrent product. */
        INDArray resetState;
        /** With reset_after: the candidate's recurrent product h·U_h + b1_h. */
        INDArray recurrentCandidate;
    }

    @Override
    Step step(INDArray zx, INDArray[] previous, INDArray[] recurrentInputs) {
        GruStep s = new GruStep();
        s.mixed = implementation == 2 ? recurrentInputs[0] : previous[0];
        if (resetAfter) {
            INDArray rec = recurrentProduct(recurrentInputs, 0, 3);
            if (bias != null) {
                rec.addiRowVector(recurrentBias(bias.value()));
            }
            s.zPre = gate(zx, 0).add(gate(rec, 0));
            s.rPre = gate(zx, 1).add(gate(rec, 1));
            s.z = recurrentActivation.apply(s.zPre);
            s.r = recurrentActivation.apply(s.rPre);
            s.recurrentCandidate = gate(rec, 2).dup('c');
            s.hPre = s.r.mul(s.recurrentCandidate).addi(gate(zx, 2));
        } else {
            INDArray rec = recurrentProduct(recurrentInputs, 0, 2);
            s.zPre = gate(zx, 0).add(gate(rec, 0));
            s.rPre = gate(zx, 1).add(gate(rec, 1));
            s.z = recurrentActivation.apply(s.zPre);
            s.r = recurrentActivation.apply(s.rPre);
            s.resetState = s.r.mul(candidateInput(recurrentInputs));
            s.hPre = recurrentProduct(new INDArray[] {s.resetState}, 2, 1).addi(gate(zx, 2));
        }
        s.candidate = activation.apply(s.hPre);
        // h = z·mixed + (1 − z)·h̃, written as h̃ + z·(mixed − h̃)
        s.states = new INDArray[] {s.mixed.sub(s.candidate).muli(s.z).addi(s.candidate)};
        return s;
    }

    private static INDArray candidateInput(INDArray[] recurrentInputs) {
        return recurrentInputs.length == 1 ? recurrentInputs[0] : recurrentInputs[2];
    }

    @Override
    @Nullable INDArray[] stepBackward(Step step, INDArray[] dStates, INDArray dzx, INDArray[] dRecurrentInputs) {
        GruStep s = (GruStep) step;
        INDArray dh = dStates[0];
        INDArray dz = dh.mul(s.mixed.sub(s.candidate));
        INDArray dMixed = dh.mul(s.z);
        INDArray dhPre = activation.backward(s.hPre, s.candidate, dh.mul(s.z.rsub(1.0)));
        gate(dzx, 2).assign(dhPre);
        INDArray dr;
        INDArray[] dRec;
        if (resetAfter) {
            dr = dhPre.mul(s.recurrentCandidate);
            INDArray dRecurrent = dzx.dup('c');
            gate(dRecurrent, 2).muli(s.r);
            gate(dzx, 0).assign(recurrentActivation.backward(s.zPre, s.z, dz));
            gate(dzx, 1).assign(recurrentActivation.backward(s.rPre, s.r, dr));
            gate(dRecurrent, 0).assign(gate(dzx, 0));
            gate(dRecurrent, 1).assign(gate(dzx, 1));
            if (bias != null) {
                recurrentBias(bias.gradient()).addi(dRecurrent.sum(0));
            }
            dRec = recurrentProductBackward(s.recurrentInputs, dRecurrent, 0, 3);
        } else {
            INDArray dResetState = recurrentProductBackward(new INDArray[] {s.resetState}, dhPre, 2, 1)[0];
            INDArray hCandidate = candidateInput(s.recurrentInputs);
            dr = dResetState.mul(hCandidate);
            INDArray dCandidateInput = dResetState.muli(s.r);
            gate(dzx, 0).assign(recurrentActivation.backward(s.zPre, s.z, dz));
            gate(dzx, 1).assign(recurrentActivation.backward(s.rPre, s.r, dr));
            INDArray dGates = dzx.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2L * units)).dup('c');
            dRec = recurrentProductBackward(s.recurrentInputs, dGates, 0, 2);
            if (dRec.length == 1) {
                dRec[0].addi(dCandidateInput);
            } else {
                dRec[2] = dCandidateInput;
            }
        }
        System.arraycopy(dRec, 0, dRecurrentInputs, 0, dRec.length);
        if (implementation == 2) {
            dRecurrentInputs[0].addi(dMixed);
            return new INDArray[] {null};
        }
        return new INDArray[] {dMixed};
    }

    @Override
    void configAfterActivation(Map<String, Object> config) {
        config.put("recurrent_activation", recurrentActivation.name());
    }

    @Override
    void configTail(Map<String, Object> config) {
        config.put("implementation", implementation);
        config.put("reset_after", resetAfter);
    }

    /** Builder for GRU's optional Keras arguments; every method is named like the Keras argument. */
    public static final class Builder extends GatedRecurrentBuilder<Builder> {
        private boolean resetAfter;

        private Builder(int units) {
            super(units);
        }

        @Override
        Builder self() {
            return this;
        }

        private Builder copyFrom(Builder other) {
            copyGated(other);
            resetAfter = other.resetAfter;
            return this;
        }

        /**
         * @param value true to apply the reset gate after the recurrent product, with separate input
         *     and recurrent biases of shape (2, 3·units) (CuDNN and tf.keras 2 convention); default false
         * @return this builder
         */
        public Builder resetAfter(boolean value) {
            this.resetAfter = value;
            return this;
        }

        /** @return the layer */
        public GRU build() {
            return new GRU(this);
        }
    }
}
