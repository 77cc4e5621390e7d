package io.kerflux.core.activations;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Exponential linear unit, optionally scaled: {@code scale · (x > 0 ? x : alpha·(exp(x) − 1))}.
 *
 * <p>Keras equivalent: {@code keras.activations.elu(x, alpha)} (scale 1) and {@code
 * keras.activations.selu(x)} (Keras' SELU constants).
 *
 * @param name the Keras identifier ("elu" or "selu")
 * @param alpha the value approached for large negative inputs, before scaling
 * @param scale the factor applied to both branches
 */
record Elu(String name, double alpha, double scale) implements Activation {

    @Override
    public INDArray apply(INDArray x) {
        // exp of min(x, 0) rather than exp(x): exp(x) overflows for large positive x and 0·∞ is NaN.
        INDArray out = Transforms.expm1(Transforms.min(x, 0.0, true), false).muli(alpha);
        out.addi(Transforms.relu(x, true));
        return scale == 1.0 ? out : out.muli(scale);
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
        DataType dt = x.dataType();
        // TensorFlow's EluGrad takes the identity branch at x = 0 too (it tests y < 0).
        INDArray positive = x.gte(0.0).castTo(dt);
        INDArray slope = Transforms.exp(Transforms.min(x, 0.0, true), false).muli(alpha);
        slope.muli(positive.rsub(1.0)).addi(positive);
        if (scale != 1.0) {
            slope.muli(scale);
        }
        return slope.muli(gradOutput);
    }
}
