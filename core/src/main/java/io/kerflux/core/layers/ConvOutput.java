package io.kerflux.core.layers;

import io.kerflux.core.activations.Activation;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The product, bias and activation stage of Conv1D and Conv2D, and its backward pass, with the
 * buffers it reuses from step to step. One per layer.
 */
final class ConvOutput {
    private final Convolutions convolutions;
    private final boolean channelsFirst;
    private @Nullable INDArray preActivationBuffer;
    private @Nullable INDArray gradientBuffer;
    private @Nullable INDArray lastPreActivation;
    private @Nullable INDArray lastActivation;

    ConvOutput(Convolutions convolutions, boolean channelsFirst) {
        this.convolutions = convolutions;
        this.channelsFirst = channelsFirst;
    }

    /**
     * {@code activation(columns(image) · kernel + bias)} in the layer's output layout.
     *
     * @param image the input as an image, (batch, rows, cols, channels) or channels first
     * @param kernel2d the kernel seen as (k·channels, filters)
     * @param bias the bias, or null
     * @param activation the layer's activation
     * @param shape the output shape channels last, batch axis first
     * @return the output
     */
    INDArray forward(INDArray image, INDArray kernel2d, @Nullable Weight bias, Activation activation, long[] shape) {
        long filters = shape[shape.length - 1];
        long rows = 1;
        for (int axis = 0; axis < shape.length - 1; axis++) {
            rows *= shape[axis];
        }
        // The pre-activation stays private when an activation copies it (or channels first
        // permutes it), so the next call may overwrite it; the identity hands it to the caller.
        boolean linear = Convolutions.isLinear(activation);
        INDArray z2d;
        if (linear && !channelsFirst) {
            z2d = Nd4j.createUninitialized(image.dataType(), rows, filters);
        } else {
            preActivationBuffer = Convolutions.reusable(preActivationBuffer, image.dataType(), shape);
            z2d = preActivationBuffer.reshape('c', rows, filters);
        }
        convolutions.forward(image, kernel2d, z2d);
        if (bias != null) {
            z2d.addiRowVector(bias.value());
        }
        lastPreActivation = convolutions.toOutputLayout(z2d, shape);
        lastActivation = linear ? lastPreActivation : activation.apply(lastPreActivation);
        return lastActivation;
    }

    /**
     * Writes the kernel and bias gradients of the last {@link #forward}.
     *
     * @param gradOutput dL/d output, in the output layout
     * @param activation the layer's activation
     * @param kernelGradient2d the kernel's gradient buffer seen as (k·channels, filters)
     * @param bias the bias, or null
     * @return dL/d pre-activation as (batch·positions, filters) rows, for the input gradient
     */
    INDArray backward(INDArray gradOutput, Activation activation, INDArray kernelGradient2d, @Nullable Weight bias) {
        INDArray gz = gradOutput;
        if (!Convolutions.isLinear(activation)) {
            // dL/d pre-activation only lives until this call returns
            gradientBuffer = Convolutions.reusable(gradientBuffer, gradOutput.dataType(), lastPreActivation.shape());
            gz = activation.backward(lastPreActivation, lastActivation, gradOutput, gradientBuffer);
        }
        INDArray gz2d = convolutions.gradientRows(gz, kernelGradient2d.size(1));
        convolutions.kernelGradient(gz2d, kernelGradient2d);
        if (bias != null) {
            convolutions.biasGradient(gz2d, bias.gradient());
        }
        return gz2d;
    }
}
