package io.kerflux.streams;

import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * Reads a {@link Sequence} pass after pass, endlessly: Keras' {@code OrderedEnqueuer}. Each pass
 * reads {@code size()}, loads {@code get(i)} for every index on the loader threads (in a fresh
 * order when shuffling) and emits the batches in the pass's order; once the last batch of the pass
 * has been emitted, {@code onEpochEnd()} runs and the next pass begins. A pass of size 0 completes
 * the flux.
 */
final class FluxSequence extends Flux<Batch> {

    private final Sequence sequence;
    private final int workers;
    private final int maxQueueSize;
    private final boolean shuffle;
    private final long seed;
    private final long skip;

    FluxSequence(Sequence sequence, int workers, int maxQueueSize, boolean shuffle, long seed, long skip) {
        this.sequence = sequence;
        this.workers = workers;
        this.maxQueueSize = maxQueueSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.skip = skip;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Batch> actual) {
        SequenceSubscription subscription = new SequenceSubscription(actual, sequence,
                Loaders.create(workers), maxQueueSize, shuffle, new SplittableRandom(seed), skip);
        actual.onSubscribe(subscription);
        subscription.drain();
    }

    static final class SequenceSubscription extends OrderedLoadSubscription {

        private final Sequence sequence;
        private final boolean shuffle;
        private final SplittableRandom random;
        // Batches of earlier passes still to pass over without loading (a resumed run); loader-only.
        private long toSkip;

        // Written by beginPass while no load of the sequence runs, then published by passReady.
        private volatile boolean passReady;
        private long passStart;
        private long passEnd;
        private int passes;
        private IntUnaryOperator order = IntUnaryOperator.identity();

        // Drain-only: a beginPass was handed to the loaders and passReady is not yet consumed.
        private boolean passPending;

        SequenceSubscription(CoreSubscriber<? super Batch> actual, Sequence sequence, Loaders loaders,
                int maxQueueSize, boolean shuffle, SplittableRandom random, long skip) {
            super(actual, loaders, maxQueueSize);
            this.sequence = sequence;
            this.shuffle = shuffle;
            this.random = random;
            this.toSkip = skip;
        }

        @Override
        void startLoads() {
            if (passPending) {
                if (!passReady) {
                    return;
                }
                passPending = false;
            }
            while (reserved() < passEnd && canReserve()) {
                long position = reserve();
                int index = order.applyAsInt((int) (position - passStart));
                loaders.execute(() -> load(position, index));
            }
            // Keras' barrier: no get() of the next pass may overlap onEpochEnd(), which often
            // reshuffles what get() reads, so the next pass waits until this one is fully emitted.
            if (reserved() == passEnd && emitted() == passEnd) {
                passReady = false;
                passPending = true;
                loaders.execute(this::beginPass);
            }
        }

        private void load(long position, int index) {
            if (skip(position)) {
                return;
            }
            Batch batch;
            try {
                batch = sequence.get(index);
                if (batch == null) {
                    throw new NullPointerException("Sequence.get(" + index + ") returned null");
                }
            } catch (Throwable e) {
                failed(position, e);
                return;
            }
            loaded(position, batch);
        }

        private void beginPass() {
            if (skip(passEnd)) {
                return;
            }
            int size;
            IntUnaryOperator passOrder;
            try {
                if (passes > 0) {
                    sequence.onEpochEnd();
                }
                size = size();
                passOrder = orderOf(size);
                // A resumed run passes over the passes it had completed as the original run went
                // through them (orders drawn, onEpochEnd called), without loading a batch.
                while (size > 0 && toSkip >= size) {
                    toSkip -= size;
                    sequence.onEpochEnd();
                    size = size();
                    passOrder = orderOf(size);
                }
            } catch (Throwable e) {
                failed(passEnd, e);
                return;
            }
            if (size == 0) {
                // Endless empty passes would spin without ever emitting: the data is over.
                ended(passEnd);
                return;
            }
            order = passOrder;
            // The rest of the skip falls inside this pass: its first position reads index toSkip.
            passStart = passEnd - toSkip;
            toSkip = 0;
            passEnd = passStart + size;
            passes++;
            passReady = true;
            drain();
        }

        private int size() {
            int size = sequence.size();
            if (size < 0) {
                throw new IllegalArgumentException("Sequence.size() must be >= 0. Received: size=" + size);
            }
            return size;
        }

        private IntUnaryOperator orderOf(int size) {
            return shuffle && size > 0 ? FeistelPermutation.of(size, random) : IntUnaryOperator.identity();
        }
    }
}
