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
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray x = Data.uniform(rng, (long) batch * distinct, inputs);
        INDArray y = Data.labels(rng, batch * distinct, classes);
        return new Spec(name, batch, x, y, Data.batches(x, batch, distinct), Data.batches(y, batch, distinct));
    }

    INDArray xBatch(int step) {
        return xs[step % xs.length];
    }

    INDArray yBatch(int step) {
        return ys[step % ys.length];
    }
}
