package io.kerflux.core.activations;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
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
    /** Elements per block of the Java backward loop: two blocks of floats fit in L1. */
    private static final int BLOCK = 2048;

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
    public INDArray backward(INDArray x, INDArray y, INDArray gradOutput, INDArray out) {
        if (!isPlain()) {
            return out.assign(backward(x, y, gradOutput));
        }
        if (!plainBackwardInJava(x, gradOutput, out)) {
            // One native pass (g where x > 0, else 0) instead of compare, cast and multiply.
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(x, gradOutput).addOutputs(out)
                    .addFloatingPointArguments(0.0).build());
        }
        return out;
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
        if (isPlain()) {
            return backward(x, y, gradOutput,
                    Nd4j.createUninitialized(gradOutput.dataType(), gradOutput.shape(), gradOutput.ordering()));
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

    /**
     * {@code out = g where x > 0, else 0} in one Java pass over L1-sized blocks, for float32 and
     * float64 arrays that own their buffers in one layout; libnd4j's {@code relu_bp} took about ten
     * times as long as this memory-bound loop.
     *
     * @return false, leaving {@code out} untouched, if the arrays do not qualify
     */
    private static boolean plainBackwardInJava(INDArray x, INDArray g, INDArray out) {
        DataType dt = x.dataType();
        if ((dt != DataType.FLOAT && dt != DataType.DOUBLE) || !dense(x, dt) || !dense(g, dt) || !dense(out, dt)
                || x.ordering() != g.ordering() || x.ordering() != out.ordering()
                || !x.equalShapes(g) || !x.equalShapes(out)) {
            return false;
        }
        int n = (int) x.length();
        if (dt == DataType.FLOAT) {
            FloatBuffer xs = x.data().asNioFloat();
            FloatBuffer gs = g.data().asNioFloat();
            FloatBuffer os = out.data().asNioFloat();
            float[] xb = new float[Math.min(BLOCK, n)];
            float[] gb = new float[xb.length];
            for (int from = 0; from < n; from += BLOCK) {
                int len = Math.min(BLOCK, n - from);
                xs.get(from, xb, 0, len);
                gs.get(from, gb, 0, len);
                for (int i = 0; i < len; i++) {
                    gb[i] = Float.intBitsToFloat(Float.floatToRawIntBits(gb[i]) & positiveMask(Float.floatToRawIntBits(xb[i])));
                }
                os.put(from, gb, 0, len);
            }
        } else {
            DoubleBuffer xs = x.data().asNioDouble();
            DoubleBuffer gs = g.data().asNioDouble();
            DoubleBuffer os = out.data().asNioDouble();
            double[] xb = new double[Math.min(BLOCK, n)];
            double[] gb = new double[xb.length];
            for (int from = 0; from < n; from += BLOCK) {
                int len = Math.min(BLOCK, n - from);
                xs.get(from, xb, 0, len);
                gs.get(from, gb, 0, len);
                for (int i = 0; i < len; i++) {
                    gb[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(gb[i])
                            & positiveMask(Double.doubleToRawLongBits(xb[i])));
                }
                os.put(from, gb, 0, len);
            }
        }
        return true;
    }

    /**
     * All ones if the float with these bits is above 0, else 0 (for ±0, negatives and NaN, as
     * {@code x > 0}): with {@code m = bits − 1}, that is {@code 0 ≤ m < bits(+∞)}, read off the
     * sign bits of {@code m − bits(+∞)} and {@code m}. Selecting with a mask instead of a branch
     * matters: on relu inputs the branch mispredicts half the time, which made the loop four times
     * slower.
     */
    private static int positiveMask(int bits) {
        int m = bits - 1;
        return ((m - 0x7F800000) & ~m) >> 31;
    }

    /** {@link #positiveMask(int)} for the bits of a double. */
    private static long positiveMask(long bits) {
        long m = bits - 1;
        return ((m - 0x7FF0000000000000L) & ~m) >> 63;
    }

    /** Of the type, not a view, with the standard strides of its ordering, and int-indexable. */
    private static boolean dense(INDArray a, DataType dt) {
        return a.dataType() == dt && !a.isView() && a.length() < Integer.MAX_VALUE
                && Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), a.ordering()));
    }
}
