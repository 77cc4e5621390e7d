package io.kerflux.core.training;

import io.kerflux.streams.Batch;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One subscription to a source of batches that the training loop reads a batch at a time, across
 * epochs: Keras' enqueuer output, which keeps its place between epochs (a generator's next epoch
 * continues where the last one stopped; read-ahead is not lost at an epoch boundary).
 *
 * <p>Each {@link #next()} requests one batch. The source itself bounds how much it loads ahead
 * (max_queue_size). Disposing cancels the source, which closes the batches it loaded but did not
 * deliver.
 */
final class BatchCursor implements Disposable {
    private final Flux<Batch> source;
    private final Receiver receiver = new Receiver();
    private boolean subscribed;
    private boolean hasSubscription;
    private long demandBeforeSubscription;
    private @Nullable MonoSink<Optional<Batch>> waiting;
    private boolean done;
    private @Nullable Throwable error;

    BatchCursor(Flux<Batch> source) {
        this.source = source;
    }

    /**
     * The next batch, or empty when the source has ended. At most one call may be pending.
     *
     * @return a Mono completing on the loader thread that delivered the batch
     */
    Mono<Optional<Batch>> next() {
        return Mono.create(sink -> {
            boolean subscribeNow;
            boolean requestNow;
            synchronized (this) {
                if (error != null) {
                    sink.error(error);
                    return;
                }
                if (done) {
                    sink.success(Optional.empty());
                    return;
                }
                waiting = sink;
                subscribeNow = !subscribed;
                subscribed = true;
                requestNow = hasSubscription;
                if (!requestNow) {
                    demandBeforeSubscription++;
                }
            }
            if (subscribeNow) {
                source.subscribe(receiver);
            }
            if (requestNow) {
                receiver.request(1);
            }
        });
    }

    /** @return whether the source has completed and every batch was handed out */
    synchronized boolean exhausted() {
        return done;
    }

    @Override
    public void dispose() {
        receiver.dispose();
    }

    @Override
    public boolean isDisposed() {
        return receiver.isDisposed();
    }

    private synchronized @Nullable MonoSink<Optional<Batch>> takeWaiting() {
        MonoSink<Optional<Batch>> w = waiting;
        waiting = null;
        return w;
    }

    private final class Receiver extends BaseSubscriber<Batch> {
        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // Demand comes from next(), one batch at a time; a next() before this point is replayed here.
            long demand;
            synchronized (BatchCursor.this) {
                hasSubscription = true;
                demand = demandBeforeSubscription;
                demandBeforeSubscription = 0;
            }
            if (demand > 0) {
                subscription.request(demand);
            }
        }

        @Override
        protected void hookOnNext(Batch batch) {
            MonoSink<Optional<Batch>> w = takeWaiting();
            if (w == null) {
                batch.close();
                return;
            }
            w.success(Optional.of(batch));
        }

        @Override
        protected void hookOnComplete() {
            synchronized (BatchCursor.this) {
                done = true;
            }
            MonoSink<Optional<Batch>> w = takeWaiting();
            if (w != null) {
                w.success(Optional.empty());
            }
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            synchronized (BatchCursor.this) {
                error = throwable;
            }
            MonoSink<Optional<Batch>> w = takeWaiting();
            if (w != null) {
                w.error(throwable);
            }
        }
    }
}
