package io.kerflux.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reshapes each sample to a target shape, reading and writing values in row-major order; the batch
 * axis is kept.
 *
 * <p>Keras equivalent: {@code keras.layers.Reshape(target_shape)}. One entry may be -1: it is
 * inferred from the input size, as in numpy. Keras 2.3.1 treats any negative entry as unknown;
 * this class accepts only -1 and rejects the others, and rejects a second unknown entry when the
 * layer is created rather than when it is built.
 */
public final class Reshape extends Layer {
    private final long[] targetShape;

    private long @Nullable [] lastInputShape;

    /**
     * A Reshape layer.
     *
     * @param targetShape the per-sample output shape, batch axis excluded; positive entries and at
     *     most one -1
     * @throws IllegalArgumentException for a second -1 ("Can only specify one unknown dimension.")
     *     or an entry that is 0 or below -1
     */
    public Reshape(long... targetShape) {
        super("reshape");
        int unknown = 0;
        for (long d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw new IllegalArgumentException("target_shape entries must be positive, or -1 for one unknown "
                        + "dimension. Received: target_shape=" + tuple(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException(
                    "Can only specify one unknown dimension. Received: target_shape=" + tuple(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    @Override
    public String className() {
        return "Reshape";
    }

    /** @return the target shape as given, -1 included */
    public long[] targetShape() {
        return targetShape.clone();
    }

    /**
     * The target shape with its -1 entry resolved from the input size.
     *
     * @param inputShape the per-sample input shape
     * @return the per-sample output shape
     * @throws IllegalArgumentException if the sizes cannot match ("total size of new array must be
     *     unchanged")
     */
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long original = Arrays.stream(inputShape).reduce(1, Math::multiplyExact);
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknown = i;
            } else {
                known = Math.multiplyExact(known, targetShape[i]);
            }
        }
        boolean fits = unknown >= 0 ? original % known == 0 : original == known;
        if (!fits) {
            throw new IllegalArgumentException("total size of new array must be unchanged. Received: input_shape="
                    + shapeString(inputShape) + " (" + original + " values per sample), target_shape="
                    + tuple(targetShape));
        }
        long[] out = targetShape.clone();
        if (unknown >= 0) {
            out[unknown] = original / known;
        }
        return out;
    }

    @Override
    protected INDArray forward(INDArray input, boolean training) {
        lastInputShape = input.shape();
        long[] perSample = Arrays.copyOfRange(lastInputShape, 1, lastInputShape.length);
        long[] target = computeOutputShape(perSample);
        long[] shape = new long[target.length + 1];
        shape[0] = input.size(0);
        System.arraycopy(target, 0, shape, 1, target.length);
        return input.reshape('c', shape);
    }

    @Override
    protected @Nullable INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        return needInputGradient ? gradOutput.reshape('c', lastInputShape) : null;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        List<Long> shape = new ArrayList<>();
        for (long d : targetShape) {
            shape.add(d);
        }
        c.put("target_shape", shape);
        return c;
    }

    /** A shape as a Python tuple prints it: {@code (3, 4)}, {@code (12,)}. */
    private static String tuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
