package io.kerflux.streams;

import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Reads any {@link Publisher} of batches with the generator contract: it is subscribed to, and
 * asked for batches, from a single loader thread (or the subscriber's thread with {@code workers
 * == 0}), never more than {@code maxQueueSize} batches ahead of the consumer.
 */
final class FluxFromPublisher extends Flux<Batch> {

    private final Publisher<Batch> source;
    private final int threads;
    private final int maxQueueSize;

    /**
     * A flux over {@code source}.
     *
     * @param source the publisher
     * @param threads 1, or 0 to request on the subscriber's thread
     * @param maxQueueSize the read-ahead bound
     */
    FluxFromPublisher(Publisher<Batch> source, int threads, int maxQueueSize) {
        this.source = source;
        this.threads = threads;
        this.maxQueueSize = maxQueueSize;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Batch> actual) {
        PublisherSubscription subscription =
                new PublisherSubscription(actual, source, Loaders.create(threads), maxQueueSize);
        actual.onSubscribe(subscription);
        subscription.drain();
    }

    static final class PublisherSubscription extends OrderedLoadSubscription
            implements CoreSubscriber<Batch> {

        private final Publisher<Batch> source;
        private final Operators.DeferredSubscription upstream = new Operators.DeferredSubscription();
        private final AtomicLong requestedUpstream = new AtomicLong();
        // Drain-only.
        private boolean subscribed;
        // Written by the serial onNext/onError/onComplete signals only.
        private long received;

        PublisherSubscription(CoreSubscriber<? super Batch> actual, Publisher<Batch> source,
                Loaders loaders, int maxQueueSize) {
            super(actual, loaders, maxQueueSize);
            this.source = source;
        }

        @Override
        void startLoads() {
            if (!subscribed) {
                subscribed = true;
                loaders.execute(() -> {
                    if (!isCancelled()) {
                        source.subscribe(this);
                    }
                });
            }
            long n = 0;
            while (canReserve()) {
                reserve();
                n++;
            }
            if (n > 0) {
                requestedUpstream.addAndGet(n);
                long count = n;
                loaders.execute(() -> upstream.request(count));
            }
        }

        @Override
        void releaseSource() {
            upstream.cancel();
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream.set(s);
        }

        @Override
        public void onNext(Batch batch) {
            long position = received++;
            if (position >= requestedUpstream.get()) {
                close(batch);
                upstream.cancel();
                failed(position, Exceptions.failWithOverflow(
                        "The publisher emitted more batches than were requested ("
                                + requestedUpstream.get() + ")"));
                return;
            }
            loaded(position, batch);
        }

        @Override
        public void onError(Throwable error) {
            failed(received, error);
        }

        @Override
        public void onComplete() {
            ended(received);
        }
    }
}
