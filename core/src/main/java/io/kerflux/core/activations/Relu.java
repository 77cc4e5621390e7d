package io.kerflux.core.activations;

import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Rectified linear unit with Keras' three options.
 *
 * <p>Keras equivalent: {@code keras.activations.relu(x, alpha, max_value, threshold)}, computed as
 * the TensorFlow backend of Keras 2.3 does: {@code x} where {@code x > threshold} and 0 elsewhere,
 * then clipped to {@code [0, max_value]} when a maximum is given, minus {@code alpha ·
 * max(threshold − x, 0)}. So {@code f(x) = alpha·(x − threshold)} below the threshold, {@code
 * min(x, max_value)} above it; with a maximum and a negative threshold, inputs between the
 * threshold and 0 give 0 (the clip's lower bound), as in Keras.
 *
 * @param alpha slope below the threshold
 * @param maxValue saturation value, or null for none
 * @param threshold where the function switches from the slope to the identity
 */
record Relu(double alpha, @Nullable Double maxValue, double threshold) implements Activation {

    @Override
    public String name() {
        return "relu";
    }

    private boolean isPlain() {
        return alpha == 0.0 && maxValue == null && threshold == 0.0;
    }

    @Override
    public INDArray apply(INDArray x) {
        if (isPlain()) {
            return Transforms.relu(x, true);
        }
        INDArray out = x.mul(x.gt(threshold).castTo(x.dataType()));
        if (maxValue != null) {
            out = Transforms.min(Transforms.max(out, 0.0, false), maxValue, false);
        }
        if (alpha != 0.0) {
            out.subi(Transforms.relu(x.rsub(threshold), false).muli(alpha));
        }
        return out;
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
        if (isPlain()) {
            // One native pass (g where x > 0, else 0) instead of compare, cast and multiply.
            INDArray out = Nd4j.createUninitialized(gradOutput.dataType(), gradOutput.shape(), gradOutput.ordering());
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(x, gradOutput).addOutputs(out)
                    .addFloatingPointArguments(0.0).build());
            return out;
        }
        DataType dt = x.dataType();
        // With a maximum, the clip also flattens (threshold, 0] to 0 when the threshold is negative.
        double identityFrom = maxValue == null ? threshold : Math.max(threshold, 0.0);
        INDArray slope = x.gt(identityFrom).castTo(dt);
        if (maxValue != null) {
            slope.muli(x.lt(maxValue).castTo(dt));
        }
        if (alpha != 0.0) {
            slope.addi(x.lt(threshold).castTo(dt).muli(alpha));
        }
        return slope.muli(gradOutput);
    }
}
