package io.kerflux.streams;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * Pulls a plain generator (an iterator or a supplier) on a single loader thread until it returns
 * null: Keras' {@code GeneratorEnqueuer} restricted to one worker. Pulls happen one after another
 * in order, up to {@code maxQueueSize} ahead of the consumer; with {@code workers == 0} they happen
 * on the subscriber's thread, one per requested batch.
 */
final class FluxGenerator extends Flux<Batch> {

    private final Supplier<@Nullable Batch> generator;
    private final int threads;
    private final int maxQueueSize;

    /**
     * A flux over {@code generator}.
     *
     * @param generator the next batch, or null once there is none
     * @param threads 1, or 0 to pull on the subscriber's thread
     * @param maxQueueSize the read-ahead bound
     */
    FluxGenerator(Supplier<@Nullable Batch> generator, int threads, int maxQueueSize) {
        this.generator = generator;
        this.threads = threads;
        this.maxQueueSize = maxQueueSize;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Batch> actual) {
        GeneratorSubscription subscription =
                new GeneratorSubscription(actual, generator, Loaders.create(threads), maxQueueSize);
        actual.onSubscribe(subscription);
        subscription.drain();
    }

    static final class GeneratorSubscription extends OrderedLoadSubscription {

        private final Supplier<@Nullable Batch> generator;

        GeneratorSubscription(CoreSubscriber<? super Batch> actual, Supplier<@Nullable Batch> generator,
                Loaders loaders, int maxQueueSize) {
            super(actual, loaders, maxQueueSize);
            this.generator = generator;
        }

        @Override
        void startLoads() {
            while (canReserve()) {
                long position = reserve();
                loaders.execute(() -> pull(position));
            }
        }

        // One loader thread and a FIFO queue: pulls run one at a time in position order, so the
        // generator needs no thread safety and the n-th pull fills position n.
        private void pull(long position) {
            if (skip(position)) {
                return;
            }
            Batch batch;
            try {
                batch = generator.get();
            } catch (Throwable e) {
                failed(position, e);
                return;
            }
            if (batch == null) {
                ended(position);
            } else {
                loaded(position, batch);
            }
        }
    }
}
