package io.kerflux.streams;

/**
 * How batches are loaded from a {@link Sequence} or a generator: Keras' {@code workers}, {@code
 * max_queue_size}, {@code use_multiprocessing} and {@code shuffle} arguments of {@code
 * fit_generator}.
 *
 * <p>Immutable: every method named after a component returns a copy with that value changed, for
 * example {@code LoadOptions.defaults().workers(4).maxQueueSize(20)}.
 *
 * @param workers the number of loader threads; 0 loads on the subscriber's thread, in index
 *     order, without read-ahead ({@code workers=0} in Keras). Default 1
 * @param maxQueueSize how many batches may be loaded ahead of the consumer, counting a batch from
 *     the moment its load starts until it is emitted downstream ({@code max_queue_size}). Default
 *     10
 * @param useMultiprocessing accepted for Keras compatibility only: on the JVM there are no
 *     separate processes, every loader is a thread of this JVM, so this flag is a hint and has no
 *     other effect. Default false
 * @param shuffle whether a {@link Sequence} is read in a fresh random order each pass (only when
 *     {@code workers > 0}, as in Keras; ignored by generators and publishers). Default true
 */
public record LoadOptions(int workers, int maxQueueSize, boolean useMultiprocessing, boolean shuffle) {

    private static final LoadOptions DEFAULTS = new LoadOptions(1, 10, false, true);

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException if {@code workers < 0} or {@code maxQueueSize < 1}
     */
    public LoadOptions {
        if (workers < 0) {
            throw new IllegalArgumentException(
                    "`workers` must be >= 0 (0 loads on the subscriber's thread). Received: workers="
                            + workers);
        }
        if (maxQueueSize < 1) {
            throw new IllegalArgumentException(
                    "`maxQueueSize` must be >= 1. Received: maxQueueSize=" + maxQueueSize);
        }
    }

    /**
     * Keras' defaults: {@code workers=1, max_queue_size=10, use_multiprocessing=False,
     * shuffle=True}.
     *
     * @return the default options
     */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another number of loader threads.
     *
     * @param workers at least 0
     * @return the new options
     * @throws IllegalArgumentException if {@code workers < 0}
     */
    public LoadOptions workers(int workers) {
        return new LoadOptions(workers, maxQueueSize, useMultiprocessing, shuffle);
    }

    /**
     * A copy with another read-ahead bound.
     *
     * @param maxQueueSize at least 1
     * @return the new options
     * @throws IllegalArgumentException if {@code maxQueueSize < 1}
     */
    public LoadOptions maxQueueSize(int maxQueueSize) {
        return new LoadOptions(workers, maxQueueSize, useMultiprocessing, shuffle);
    }

    /**
     * A copy with another {@code useMultiprocessing} hint, which changes nothing else on the JVM.
     *
     * @param useMultiprocessing the hint
     * @return the new options
     */
    public LoadOptions useMultiprocessing(boolean useMultiprocessing) {
        return new LoadOptions(workers, maxQueueSize, useMultiprocessing, shuffle);
    }

    /**
     * A copy with another shuffle setting.
     *
     * @param shuffle whether a {@link Sequence} is read in a fresh random order each pass
     * @return the new options
     */
    public LoadOptions shuffle(boolean shuffle) {
        return new LoadOptions(workers, maxQueueSize, useMultiprocessing, shuffle);
    }
}
