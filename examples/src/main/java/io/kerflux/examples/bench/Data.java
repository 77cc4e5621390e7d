package io.kerflux.examples.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Synthetic float32 inputs and targets of the workloads' shapes, from a fixed seed. */
final class Data {
    private Data() { }

    /** Uniform values in [0, 1), like scaled pixels. */
    static INDArray uniform(SplittableRandom rng, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble();
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** One-hot rows of random classes; a single column of random 0/1 labels when {@code classes == 1}. */
    static INDArray labels(SplittableRandom rng, int rows, int classes) {
        float[] v = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            if (classes == 1) {
                v[r] = rng.nextBoolean() ? 1f : 0f;
            } else {
                v[r * classes + rng.nextInt(classes)] = 1f;
            }
        }
        return Nd4j.create(v, new long[] {rows, classes}, 'c');
    }

    /** Copies of consecutive row blocks, so a step never pays for slicing a view. */
    static INDArray[] batches(INDArray all, int batch, int count) {
        INDArray[] out = new INDArray[count];
        for (int i = 0; i < count; i++) {
            INDArrayIndex[] index = new INDArrayIndex[all.rank()];
            index[0] = NDArrayIndex.interval((long) i * batch, (long) (i + 1) * batch);
            for (int axis = 1; axis < index.length; axis++) {
                index[axis] = NDArrayIndex.all();
            }
            out[i] = all.get(index).dup('c');
        }
        return out;
    }
}
