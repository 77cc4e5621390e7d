package io.kerflux.core.layers;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Leaky rectified linear unit: {@code f(x) = x} for {@code x > 0}, {@code alpha · x} otherwise.
 *
 * <p>Keras equivalent: {@code keras.layers.LeakyReLU(alpha=0.3)}. Keras 2.3.1 documents {@code
 * alpha} as a float ≥ 0; a negative or NaN value is rejected here, where Keras 2.3.1 silently
 * accepts it. At {@code x = 0} the derivative is {@code alpha}, as with TensorFlow's {@code
 * leaky_relu}, which Keras 2.3.1 calls.
 */
public final class LeakyReLU extends Layer {
    /** Keras' default negative slope. */
    public static final double DEFAULT_ALPHA = 0.3;

    private final double alpha;

    private @Nullable INDArray lastInput;

    /** A LeakyReLU with Keras' default slope, 0.3. */
    public LeakyReLU() {
        this(DEFAULT_ALPHA);
    }

    /**
     * A LeakyReLU with a given negative slope.
     *
     * @param alpha the slope for negative inputs, a float ≥ 0
     * @throws IllegalArgumentException if {@code alpha} is negative, NaN or infinite
     */
    public LeakyReLU(double alpha) {
        super("leaky_re_lu");
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException(
                    "alpha must be a finite float >= 0, the negative slope coefficient. Received: alpha=" + alpha);
        }
        this.alpha = alpha;
    }

    /** Keras 2 lets masks pass through this layer unchanged. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public String className() {
        return "LeakyReLU";
    }

    /** @return the negative slope */
    public double alpha() {
        return alpha;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        lastInput = input;
        return Transforms.leakyRelu(input, alpha, true);
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        // alpha + (1 - alpha)·[x > 0]: slope alpha at x = 0, where ND4J's leakyReluDerivative gives 1
        INDArray slope = lastInput.gt(0).castTo(lastInput.dataType());
        return slope.muli(1 - alpha).addi(alpha).muli(gradOutput);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("alpha", alpha);
        return c;
    }
}
