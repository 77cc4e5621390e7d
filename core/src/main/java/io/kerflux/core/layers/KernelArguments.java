package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import io.kerflux.core.constraints.Constraint;
import io.kerflux.core.initializers.Initializer;
import io.kerflux.core.regularizers.Regularizer;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The activation, kernel and bias arguments of a layer with one kernel (Dense, Conv1D, Conv2D), as
 * its builder left them.
 *
 * @param activation the activation
 * @param useBias whether the layer has a bias
 * @param kernelInitializer the kernel initializer
 * @param biasInitializer the bias initializer
 * @param kernelRegularizer penalty on the kernel, or null
 * @param biasRegularizer penalty on the bias, or null
 * @param kernelConstraint projection of the kernel, or null
 * @param biasConstraint projection of the bias, or null
 */
record KernelArguments(
        Activation activation,
        boolean useBias,
        Initializer kernelInitializer,
        Initializer biasInitializer,
        @Nullable Regularizer kernelRegularizer,
        @Nullable Regularizer biasRegularizer,
        @Nullable Constraint kernelConstraint,
        @Nullable Constraint biasConstraint) {

    /**
     * Adds the layer's config entries from {@code activation} to {@code bias_constraint}, in Keras'
     * order; the activity regularizer sits among them but belongs to the layer.
     *
     * @param config the layer's config so far
     * @param activityRegularizer the layer's activity regularizer, or null
     */
    void putConfig(Map<String, Object> config, @Nullable Regularizer activityRegularizer) {
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", Configs.serialize(kernelInitializer));
        config.put("bias_initializer", Configs.serialize(biasInitializer));
        config.put("kernel_regularizer", Configs.serialize(kernelRegularizer));
        config.put("bias_regularizer", Configs.serialize(biasRegularizer));
        config.put("activity_regularizer", Configs.serialize(activityRegularizer));
        config.put("kernel_constraint", Configs.serialize(kernelConstraint));
        config.put("bias_constraint", Configs.serialize(biasConstraint));
    }
}
