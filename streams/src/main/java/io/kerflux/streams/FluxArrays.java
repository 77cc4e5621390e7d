package io.kerflux.streams;

import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * Cuts in-memory arrays into batches pass after pass, endlessly, the way Keras' {@code fit} loop
 * slices {@code x}, {@code y} and {@code sample_weight}: one pass per epoch, ordered by {@link
 * Shuffle}, the last batch of a pass smaller when {@code batchSize} does not divide the sample
 * count. Each batch is gathered (copied) only when downstream requests it, on the requesting
 * thread, so the arrays themselves are never copied whole.
 */
final class FluxArrays extends Flux<Batch> {

    private static final Runnable NOTHING = () -> { };

    private final INDArray x;
    private final @Nullable INDArray y;
    private final @Nullable INDArray sampleWeight;
    private final int samples;
    private final int batchSize;
    private final Shuffle shuffle;
    private final long seed;
    private final long skip;

    /**
     * Batches of arrays whose sample counts the caller has checked.
     *
     * @param x inputs, {@code (n, ...)}, with {@code 1 <= n <= Integer.MAX_VALUE}
     * @param y targets, {@code (n, ...)}, or null
     * @param sampleWeight weights, {@code (n,)} or {@code (n, T)}, or null
     * @param batchSize samples per batch, at least 1
     * @param shuffle the order of each pass
     * @param seed the seed of the shuffling
     * @param skip batches to pass over before the first one emitted (a resumed run)
     */
    FluxArrays(INDArray x, @Nullable INDArray y, @Nullable INDArray sampleWeight, int batchSize,
            Shuffle shuffle, long seed, long skip) {
        this.x = x;
        this.y = y;
        this.sampleWeight = sampleWeight;
        this.samples = (int) x.size(0);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.skip = skip;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Batch> actual) {
        Flux.<Batch, Cursor>generate(Cursor::new, (cursor, sink) -> {
            sink.next(cursor.next());
            return cursor;
        }).subscribe(actual);
    }

    /** The position in the current pass; one per subscription, so every run replays the seed. */
    private final class Cursor {

        private final SplittableRandom random = new SplittableRandom(seed);
        // TRUE: a permutation of the samples; BATCH: of the full blocks. Reshuffled in place each
        // pass, as Keras shuffles its index array in place each epoch.
        private final int[] order;
        private int position;

        Cursor() {
            int length = switch (shuffle) {
                case TRUE -> samples;
                case BATCH -> samples / batchSize;
                case FALSE -> 0;
            };
            order = new int[length];
            for (int i = 0; i < length; i++) {
                order[i] = i;
            }
            for (long i = 0; i < skip; i++) {
                advance();
            }
        }

        Batch next() {
            int start = position;
            int size = advance();
            int[] rows = rows(start, size);
            INDArray indices = Nd4j.createFromArray(rows);
            INDArray xb = gather(x, indices);
            INDArray yb = y == null ? null : gather(y, indices);
            INDArray wb = sampleWeight == null ? null : gather(sampleWeight, indices);
            return new Batch(xb, yb, wb, NOTHING, NOTHING);
        }

        /** Moves past the next batch, drawing a pass's order when it begins. @return the batch's size */
        private int advance() {
            if (position == 0) {
                shuffleInPlace();
            }
            int size = Math.min(batchSize, samples - position);
            position += size;
            if (position == samples) {
                position = 0;
            }
            return size;
        }

        private int[] rows(int start, int size) {
            int[] rows = new int[size];
            if (shuffle == Shuffle.TRUE) {
                System.arraycopy(order, start, rows, 0, size);
                return rows;
            }
            int block = start / batchSize;
            // BATCH: a full block moves as a whole; the partial tail block stays last.
            int first = shuffle == Shuffle.BATCH && block < order.length
                    ? order[block] * batchSize
                    : start;
            for (int i = 0; i < size; i++) {
                rows[i] = first + i;
            }
            return rows;
        }

        private void shuffleInPlace() {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
    }

    // Gather's int[] constructor crashes natively in M2.1, and shape() may be the array's own
    // buffer (hence the clone): indices as an INDArray into a fresh output are safe.
    private static INDArray gather(INDArray array, INDArray indices) {
        long[] shape = array.shape().clone();
        shape[0] = indices.length();
        // Every row is written by the gather: no need to zero the output first.
        INDArray out = Nd4j.createUninitialized(array.dataType(), shape);
        Nd4j.exec(DynamicCustomOp.builder("gather")
                .addInputs(array, indices)
                .addIntegerArguments(0)
                .addOutputs(out)
                .build());
        return out;
    }
}
