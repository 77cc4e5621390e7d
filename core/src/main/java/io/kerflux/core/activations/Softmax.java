package io.kerflux.core.activations;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax over the last axis: {@code exp(x - max(x)) / sum(exp(x - max(x)))}.
 *
 * <p>Keras equivalent: {@code keras.activations.softmax(x, axis=-1)}. Subtracting the row maximum
 * changes nothing mathematically but keeps {@code exp} from overflowing for large inputs.
 */
final class Softmax implements Activation {
    static final Softmax INSTANCE = new Softmax();

    private Softmax() { }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public INDArray apply(INDArray x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("Cannot apply softmax to a tensor that is 1D. Received input: shape "
                    + Arrays.toString(x.shape()) + "; reshape it to (1, n) for a single row.");
        }
        int last = x.rank() - 1;
        INDArray e = Transforms.exp(x.sub(x.max(true, last)), false);
        return e.divi(e.sum(true, last));
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
        // The Jacobian diag(y) - y yᵀ applied to g, row by row: y ⊙ (g - <g, y>).
        INDArray dot = gradOutput.mul(y).sum(true, y.rank() - 1);
        return gradOutput.sub(dot).muli(y);
    }

    @Override
    public String toString() {
        return "softmax";
    }
}
