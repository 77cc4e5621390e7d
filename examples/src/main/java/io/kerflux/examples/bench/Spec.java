package io.kerflux.examples.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A workload's shape and the data every framework trains on: {@code distinct} pre-sliced batches,
 * cycled, and the same rows as one array for {@code fit}.
 *
 * @param name the row label of the table
 * @param batch the batch size
 * @param x all inputs, {@code (batch · distinct, features…)}
 * @param y all targets
 * @param xs the input batches
 * @param ys the target batches
 */
record Spec(String name, int batch, INDArray x, INDArray y, INDArray[] xs, INDArray[] ys) {

    static Spec mlp(String name, int batch, int inputs, int classes, int distinct, long seed) {
        return of(name, batch, new long[] {inputs}, classes, distinct, seed);
    }

    /**
     * Inputs of any per-sample shape, in Keras' layout: {@code (rows, cols, channels)} for images,
     * {@code (timesteps, features)} for sequences.
     */
    static Spec of(String name, int batch, long[] sampleShape, int classes, int distinct, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = (long) batch * distinct;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        INDArray x = Data.uniform(rng, shape);
        INDArray y = Data.labels(rng, batch * distinct, classes);
        return new Spec(name, batch, x, y, Data.batches(x, batch, distinct), Data.batches(y, batch, distinct));
    }

    /**
     * The same values with every input batch permuted and copied into another layout, for a
     * framework whose native layout differs; the copies are made here, outside the timed steps.
     *
     * @param order the axis permutation of an input batch
     * @return a spec over the permuted copies (its {@code x} stays in the original layout)
     */
    Spec permuted(int... order) {
        INDArray[] copies = new INDArray[xs.length];
        for (int i = 0; i < xs.length; i++) {
            copies[i] = xs[i].permute(order).dup('c');
        }
        return new Spec(name, batch, x, y, copies, ys);
    }

    INDArray xBatch(int step) {
        return xs[step % xs.length];
    }

    INDArray yBatch(int step) {
        return ys[step % ys.length];
    }
}
