package io.kerflux.streams;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Turns every kind of training input into one cold, backpressured {@code Flux<Batch>}: the role
 * of Keras' data adapters and enqueuers.
 *
 * <p>A trainer subscribes once per run and cuts the flux into epochs itself by counting {@code
 * steps_per_epoch} batches, so the fluxes of arrays and of a {@link Sequence} never complete on
 * their own: one pass follows the other. A generator's flux completes when the generator does.
 * Each subscription starts afresh (same seed, same order; new loader threads) and releases its
 * loader threads when it terminates or is cancelled.
 *
 * <p>Batches that were loaded but never emitted (after a cancellation or an error) are closed by
 * the flux itself. Batches emitted downstream belong to the subscriber, which closes them after
 * use. They arrive on a loader thread or on the thread that requested them, so a subscriber that
 * works on them (ND4J math, which keeps per-thread workspaces) first moves them to its own thread
 * with {@code publishOn}; blocking in {@code onNext} would also hold up a loader thread.
 */
public final class BatchFlux {

    private BatchFlux() { }

    /**
     * The number of batches in one pass over {@code samples} samples: {@code ceil(samples /
     * batchSize)}, counting the last, smaller batch (Keras' {@code steps_per_epoch} for arrays).
     *
     * @param samples the number of samples, at least 0
     * @param batchSize samples per batch, at least 1
     * @return the number of batches, e.g. 4 for 100 samples in batches of 32
     * @throws IllegalArgumentException if {@code samples < 0} or {@code batchSize < 1}
     */
    public static long stepsPerEpoch(long samples, int batchSize) {
        if (samples < 0) {
            throw new IllegalArgumentException(
                    "`samples` must be >= 0. Received: samples=" + samples);
        }
        requireBatchSize(batchSize);
        return samples / batchSize + (samples % batchSize == 0 ? 0 : 1);
    }

    /**
     * Batches of in-memory arrays, one pass (epoch) after another without end: Keras' {@code
     * fit(x, y, batch_size, shuffle, sample_weight)} slicing.
     *
     * <p>Each pass visits every sample exactly once, in the order {@code shuffle} gives: {@link
     * Shuffle#TRUE} draws a fresh permutation every pass, {@link Shuffle#BATCH} permutes the full
     * blocks of {@code batchSize} samples and keeps the partial tail block last (7 samples, batch
     * size 3: {@code [0..2]} and {@code [3..5]} in either order, then {@code [6]}), {@link
     * Shuffle#FALSE} keeps the order. Every pass has {@link #stepsPerEpoch(long, int)} batches,
     * the last one smaller when {@code batchSize} does not divide {@code n} (100 samples, batch
     * size 32: 32, 32, 32, 4). The same seed gives the same batches on every subscription.
     *
     * <p>Batches are copies of the selected rows, gathered lazily on the requesting thread when
     * downstream asks for them, so the arrays are never copied whole and changes to them show in
     * later batches. With no samples the flux completes empty.
     *
     * @param x inputs, shape {@code (n, ...)}
     * @param y targets, shape {@code (n, ...)}, or null for inputs only
     * @param sampleWeight weights, shape {@code (n,)} or {@code (n, T)}, or null for weight 1
     * @param batchSize samples per batch, at least 1
     * @param shuffle the order of the samples in each pass
     * @param seed the seed of the shuffling
     * @return an endless flux of batches
     * @throws IllegalArgumentException if {@code batchSize < 1}, if an array is a scalar, or if
     *     the arrays have different numbers of samples (Keras' messages)
     */
    public static Flux<Batch> fromArrays(INDArray x, @Nullable INDArray y,
            @Nullable INDArray sampleWeight, int batchSize, Shuffle shuffle, long seed) {
        return fromArrays(x, y, sampleWeight, batchSize, shuffle, seed, 0);
    }

    /**
     * {@link #fromArrays(INDArray, INDArray, INDArray, int, Shuffle, long)} resumed after {@code
     * skip} batches: the flux starts with the batch that the same arguments without a skip emit
     * at index {@code skip}, without gathering the batches before it. A run restored from a
     * checkpoint continues its pass this way.
     *
     * @param x inputs, shape {@code (n, ...)}
     * @param y targets, shape {@code (n, ...)}, or null for inputs only
     * @param sampleWeight weights, shape {@code (n,)} or {@code (n, T)}, or null for weight 1
     * @param batchSize samples per batch, at least 1
     * @param shuffle the order of the samples in each pass
     * @param seed the seed of the shuffling
     * @param skip the batches already read, at least 0
     * @return an endless flux of batches
     * @throws IllegalArgumentException as the method without a skip does, or if {@code skip < 0}
     */
    public static Flux<Batch> fromArrays(INDArray x, @Nullable INDArray y,
            @Nullable INDArray sampleWeight, int batchSize, Shuffle shuffle, long seed, long skip) {
        requireSkip(skip);
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(shuffle, "shuffle");
        requireBatchSize(batchSize);
        long samples = samplesOf(x, "x");
        if (y != null && samplesOf(y, "y") != samples) {
            throw new IllegalArgumentException(
                    "Input arrays should have the same number of samples as target arrays. Found "
                            + samples + " input samples and " + y.size(0) + " target samples.");
        }
        if (sampleWeight != null) {
            INDArray reference = y != null ? y : x;
            if (samplesOf(sampleWeight, "sampleWeight") != samples) {
                throw new IllegalArgumentException("Found a sample_weight array with shape "
                        + pythonShape(sampleWeight.shape()) + " for an input with shape "
                        + pythonShape(reference.shape()) + ". sample_weight cannot be broadcast.");
            }
        }
        if (samples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("At most " + Integer.MAX_VALUE
                    + " samples can be batched from arrays. Received: " + samples
                    + " samples; use a Sequence for more.");
        }
        if (samples == 0) {
            return Flux.empty();
        }
        return new FluxArrays(x, y, sampleWeight, batchSize, shuffle, seed, skip);
    }

    /**
     * Batches of a {@link Sequence}, one pass after another without end: Keras' {@code
     * fit_generator(sequence, ...)} with its {@code OrderedEnqueuer}.
     *
     * <p>Each pass reads {@code sequence.size()} when it begins (a pass of size 0 completes the
     * flux), then loads {@code get(i)} for every index exactly once on {@code workers} loader
     * threads named {@code kerflux-loader-N}, several at a time, and emits the batches in the
     * pass's order whatever order the loads finish in. The order is {@code 0, 1, …, size-1}, or,
     * when {@code options.shuffle()}, a fresh seeded permutation each pass (computed index by
     * index, so even 10^9 batches cost no memory). Once the last batch of a pass has been emitted
     * downstream, {@code sequence.onEpochEnd()} runs on a loader thread, and only then does the
     * next pass read {@code size()} and start loading: no {@code get} overlaps {@code onEpochEnd}.
     *
     * <p>At most {@code options.maxQueueSize()} batches are loaded ahead of the consumer, counting
     * a batch from the start of its {@code get} until it is emitted, whatever the demand; loading
     * runs ahead of demand up to that bound, so {@code get} may be called for batches the trainer
     * never uses (as in Keras). A {@code get} that throws ends the flux with that exception once
     * the batches before it have been emitted; no later {@code get} starts. Cancelling stops
     * further loads, lets the running ones finish (loader threads are never interrupted, so a
     * {@code get} reading a {@code FileChannel} does not break it) and closes every batch loaded
     * but not emitted.
     *
     * <p>With {@code options.workers() == 0} there are no loader threads: {@code get}, {@code
     * onEpochEnd} and {@code size} run on the thread that requests batches, one batch per request,
     * in index order; {@code shuffle} is then ignored, as in Keras.
     *
     * @param sequence the data set
     * @param options workers, maxQueueSize and shuffle ({@code useMultiprocessing} has no effect)
     * @param seed the seed of the shuffling; the same seed gives the same orders
     * @return an endless flux of batches
     */
    public static Flux<Batch> fromSequence(Sequence sequence, LoadOptions options, long seed) {
        return fromSequence(sequence, options, seed, 0);
    }

    /**
     * {@link #fromSequence(Sequence, LoadOptions, long)} resumed after {@code skip} batches: the
     * passes the skip covers are gone through as the original read went through them, reading
     * {@code size()}, drawing each pass's order and calling {@code onEpochEnd()} between passes,
     * but without a {@code get}; the flux starts with the batch the same arguments without a skip
     * emit at index {@code skip}. A run restored from a checkpoint continues its pass this way.
     *
     * @param sequence the data set
     * @param options workers, maxQueueSize and shuffle ({@code useMultiprocessing} has no effect)
     * @param seed the seed of the shuffling; the same seed gives the same orders
     * @param skip the batches already read, at least 0
     * @return an endless flux of batches
     * @throws IllegalArgumentException if {@code skip < 0}
     */
    public static Flux<Batch> fromSequence(Sequence sequence, LoadOptions options, long seed, long skip) {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(options, "options");
        requireSkip(skip);
        return new FluxSequence(sequence, options.workers(), options.maxQueueSize(),
                options.shuffle() && options.workers() > 0, seed, skip);
    }

    private static void requireSkip(long skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("`skip` must be >= 0. Received: skip=" + skip);
        }
    }

    /**
     * Batches pulled from an iterator until it has no more: Keras' {@code fit_generator} with a
     * plain Python generator.
     *
     * <p>The iterator is pulled by exactly one loader thread ({@code kerflux-loader-1}), whatever
     * {@code options.workers()} says (0 pulls on the requesting thread instead): an iterator is not
     * addressable by index, so pulling it from several threads would duplicate or reorder batches,
     * which is what Keras warns about for generators with several workers. Use a {@link Sequence}
     * for parallel loading. At most {@code options.maxQueueSize()} batches are pulled ahead of the
     * consumer. An exception from the iterator ends the flux once the batches before it are out;
     * after an error, the end or a cancellation the iterator is not pulled again, and batches
     * pulled but not emitted are closed. The flux consumes the iterator, so a second subscription
     * continues where the first stopped. {@code options.shuffle()} does not apply.
     *
     * @param iterator the batches; {@code next()} must not return null
     * @param options workers (only 0 versus more matters) and maxQueueSize
     * @return a flux that completes when the iterator is exhausted
     */
    public static Flux<Batch> fromIterator(Iterator<Batch> iterator, LoadOptions options) {
        Objects.requireNonNull(iterator, "iterator");
        Objects.requireNonNull(options, "options");
        return new FluxGenerator(() -> {
            if (!iterator.hasNext()) {
                return null;
            }
            return Objects.requireNonNull(iterator.next(), "the iterator returned a null batch");
        }, loaderThreads(options), options.maxQueueSize());
    }

    /**
     * Batches pulled from a supplier, endlessly, until it returns null: Keras' {@code
     * fit_generator} with an infinite Python generator.
     *
     * <p>The supplier is called by exactly one loader thread, never concurrently, with the same
     * read-ahead bound, error and cancellation behaviour as {@link #fromIterator(Iterator,
     * LoadOptions)}; several workers would duplicate or reorder batches (Keras warns likewise), so
     * use a {@link Sequence} for parallel loading.
     *
     * @param supplier the next batch, or null once there are no more
     * @param options workers (only 0 versus more matters) and maxQueueSize
     * @return a flux that completes when the supplier returns null
     */
    public static Flux<Batch> fromSupplier(Supplier<@Nullable Batch> supplier, LoadOptions options) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(options, "options");
        return new FluxGenerator(supplier, loaderThreads(options), options.maxQueueSize());
    }

    /**
     * Batches of any publisher, read like a generator: Keras' {@code fit_generator} for a source
     * that is already reactive (a Kafka topic, an HTTP body).
     *
     * <p>The publisher is subscribed to and asked for batches from exactly one loader thread (or
     * the requesting thread when {@code options.workers() == 0}), and never asked for more than
     * {@code options.maxQueueSize()} batches beyond those emitted downstream. Errors are delivered
     * after the batches before them; on cancellation the publisher is cancelled and batches that
     * arrive afterwards, or were received but not emitted, are closed. A single thread keeps the
     * order; use a {@link Sequence} for parallel loading.
     *
     * @param publisher the batches
     * @param options workers (only 0 versus more matters) and maxQueueSize
     * @return a flux that ends when the publisher does
     */
    public static Flux<Batch> fromPublisher(Publisher<Batch> publisher, LoadOptions options) {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(options, "options");
        return new FluxFromPublisher(publisher, loaderThreads(options), options.maxQueueSize());
    }

    private static int loaderThreads(LoadOptions options) {
        return Math.min(options.workers(), 1);
    }

    private static void requireBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "`batchSize` must be >= 1. Received: batchSize=" + batchSize);
        }
    }

    private static long samplesOf(INDArray array, String name) {
        if (array.rank() == 0) {
            throw new IllegalArgumentException("`" + name
                    + "` must have a first (sample) dimension. Received: a scalar");
        }
        return array.size(0);
    }

    /** A shape as numpy prints it, since the message is Keras' own: (8,) or (10, 1). */
    private static String pythonShape(long[] shape) {
        String dims = LongStream.of(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + dims + (shape.length == 1 ? ",)" : ")");
    }
}
