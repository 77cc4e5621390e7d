package io.kerflux.core.layers;

import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.initializers.Initializers;
import io.kerflux.core.regularizers.Regularizer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link BiasedLayerBuilder} arguments plus those of the (input) kernel, shared by Dense,
 * Conv1D, Conv2D and, through {@link RecurrentBuilder}, the recurrent layers; SeparableConv2D has
 * two kernels under other names, so it stops at {@link BiasedLayerBuilder}.
 *
 * @param <B> the concrete builder type
 */
public abstract class KernelLayerBuilder<B extends KernelLayerBuilder<B>> extends BiasedLayerBuilder<B> {
    Initializer kernelInitializer = Initializers.get("glorot_uniform");
    @Nullable Regularizer kernelRegularizer;
    @Nullable Constraint kernelConstraint;

    /** @return the kernel, bias and activation settings, frozen for the layer */
    final KernelArguments kernelArguments() {
        return new KernelArguments(activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
                biasRegularizer, kernelConstraint, biasConstraint);
    }

    /** @param value a Keras initializer name (default "glorot_uniform") @return this builder */
    public B kernelInitializer(String value) {
        return kernelInitializer(Initializers.get(value));
    }

    /** @param value the kernel initializer @return this builder */
    public B kernelInitializer(Initializer value) {
        this.kernelInitializer = Objects.requireNonNull(value, "kernelInitializer");
        return self();
    }

    /** @param value penalty on the kernel, or null @return this builder */
    public B kernelRegularizer(@Nullable Regularizer value) {
        this.kernelRegularizer = value;
        return self();
    }

    /** @param value projection of the kernel after each update, or null @return this builder */
    public B kernelConstraint(@Nullable Constraint value) {
        this.kernelConstraint = value;
        return self();
    }
}
