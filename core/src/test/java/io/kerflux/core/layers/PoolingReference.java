package io.kerflux.core.layers;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * TensorFlow's pooling written out in plain Java loops, the independent reference for the pooling
 * tests: "valid" windows start at {@code o·stride}; "same" gives {@code ceil(in / stride)} outputs
 * and pads {@code floor(total / 2)} before, {@code total = max((out − 1)·stride + pool − in, 0)};
 * a max ignores padded cells and an average divides by the number of real cells.
 */
final class PoolingReference {
    private PoolingReference() { }

    /**
     * Pools a channels_last array {@code (batch, rows, cols, channels)}.
     *
     * @param x the input, any floating type
     * @param pool window (rows, cols)
     * @param strides step (rows, cols)
     * @param same true for "same" padding
     * @param max true for max, false for average
     * @return the pooled array, double precision
     */
    static INDArray pool2d(INDArray x, int[] pool, int[] strides, boolean same, boolean max) {
        long batch = x.size(0);
        long rows = x.size(1);
        long cols = x.size(2);
        long channels = x.size(3);
        long outRows = outputLength(rows, pool[0], strides[0], same);
        long outCols = outputLength(cols, pool[1], strides[1], same);
        long padTop = same ? Math.max(0, (outRows - 1) * strides[0] + pool[0] - rows) / 2 : 0;
        long padLeft = same ? Math.max(0, (outCols - 1) * strides[1] + pool[1] - cols) / 2 : 0;
        double[] in = LayerContract.values(x);
        double[] out = new double[Math.toIntExact(batch * outRows * outCols * channels)];
        int n = 0;
        for (long b = 0; b < batch; b++) {
            for (long i = 0; i < outRows; i++) {
                for (long j = 0; j < outCols; j++) {
                    for (long c = 0; c < channels; c++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (long di = 0; di < pool[0]; di++) {
                            for (long dj = 0; dj < pool[1]; dj++) {
                                long r = i * strides[0] - padTop + di;
                                long q = j * strides[1] - padLeft + dj;
                                if (r < 0 || r >= rows || q < 0 || q >= cols) {
                                    continue;
                                }
                                double v = in[(int) (((b * rows + r) * cols + q) * channels + c)];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        out[n++] = max ? acc : acc / count;
                    }
                }
            }
        }
        return Nd4j.create(out, new long[] {batch, outRows, outCols, channels}, DataType.DOUBLE);
    }

    /** Keras' output length: {@code ceil(in / s)} for "same", {@code floor((in − k) / s) + 1} for "valid". */
    static long outputLength(long in, int pool, int stride, boolean same) {
        return same ? (in + stride - 1) / stride : Math.floorDiv(in - pool, stride) + 1;
    }

    /** Uniform values in [−1, 1), distinct with probability 1, so windows have a unique maximum. */
    static INDArray random(Random random, long... shape) {
        double[] values = new double[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }
}
