package io.kerflux.core.training;

import io.kerflux.streams.Batch;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * One subscription to a source of batches that the training loop reads a batch at a time, across
 * epochs: Keras' enqueuer output, which keeps its place between epochs (a generator's next epoch
 * continues where the last one stopped; read-ahead is not lost at an epoch boundary).
 *
 * <p>Each {@link #next()} requests one batch and delivers it on the training thread. The source
 * itself bounds how much it loads ahead (max_queue_size). Every batch the source delivers is
 * either handed to the reader or closed: when the reader has cancelled, or the training thread is
 * gone, the batch is closed, never lost. Disposing cancels the source, which closes the batches it
 * loaded but did not deliver.
 */
final class BatchCursor implements Disposable {
    private final Flux<Batch> source;
    private final Scheduler trainer;
    private final Receiver receiver = new Receiver();
    private boolean subscribed;
    private boolean hasSubscription;
    private long demandBeforeSubscription;
    private @Nullable MonoSink<Batch> waiting;
    private final Set<MonoSink<Batch>> cancelledSinks = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean done;
    private @Nullable Throwable error;

    /**
     * @param source the batches; subscribed on the first {@link #next()}
     * @param trainer the thread that receives the batches
     */
    BatchCursor(Flux<Batch> source, Scheduler trainer) {
        this.source = source;
        this.trainer = trainer;
    }

    /**
     * The next batch, on the training thread, or empty when the source has ended. At most one
     * call may be pending.
     *
     * @return the batch
     */
    Mono<Batch> next() {
        return Mono.<Batch>create(sink -> {
            boolean subscribeNow;
            boolean requestNow;
            synchronized (this) {
                if (error != null) {
                    sink.error(error);
                    return;
                }
                if (done) {
                    sink.success();
                    return;
                }
                waiting = sink;
                sink.onCancel(() -> forget(sink));
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
        }).doOnDiscard(Batch.class, Batch::close);
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

    /** A reader that cancelled gets no batch: the next one that arrives is closed instead. */
    private synchronized void forget(MonoSink<Batch> sink) {
        if (waiting == sink) {
            waiting = null;
        }
        cancelledSinks.add(sink);
    }

    /** Hands a batch to a reader on the training thread, or closes it when the reader cancelled meanwhile. */
    private void deliver(MonoSink<Batch> sink, Batch batch) {
        boolean cancelled;
        synchronized (this) {
            cancelled = cancelledSinks.remove(sink);
        }
        if (cancelled) {
            batch.close();
        } else {
            sink.success(batch);
        }
    }

    private synchronized @Nullable MonoSink<Batch> takeWaiting() {
        MonoSink<Batch> w = waiting;
        waiting = null;
        return w;
    }

    /** Runs a delivery on the training thread; if that thread is gone, runs the fallback instead. */
    private void onTrainer(Runnable delivery, Runnable fallback) {
        try {
            trainer.schedule(delivery);
        } catch (RejectedExecutionException e) {
            fallback.run();
        }
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
            MonoSink<Batch> w = takeWaiting();
            if (w == null) {
                batch.close();
                return;
            }
            onTrainer(() -> deliver(w, batch), batch::close);
        }

        @Override
        protected void hookOnComplete() {
            synchronized (BatchCursor.this) {
                done = true;
            }
            MonoSink<Batch> w = takeWaiting();
            if (w != null) {
                onTrainer(w::success, () -> { });
            }
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            synchronized (BatchCursor.this) {
                error = throwable;
            }
            MonoSink<Batch> w = takeWaiting();
            if (w != null) {
                onTrainer(() -> w.error(throwable), () -> { });
            }
        }
    }
}
