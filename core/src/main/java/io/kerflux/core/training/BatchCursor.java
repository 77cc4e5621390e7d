package io.kerflux.core.training;

import io.kerflux.streams.Batch;
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
    private @Nullable Reader waiting;
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
        return Mono.defer(() -> {
            Reader reader = new Reader();
            // doOnCancel runs before the sink learns of the cancellation, so the reader is marked
            // first: a batch is then either handed over whole or closed, never dropped by the sink.
            return Mono.<Batch>create(reader::start).doOnCancel(reader::cancel);
        }).doOnDiscard(Batch.class, Batch::close);
    }

    /** Registers a reader's sink as the one waiting, and asks the source for a batch. */
    private void register(Reader reader) {
        MonoSink<Batch> sink = reader.sink;
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
            waiting = reader;
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

    private synchronized void forget(Reader reader) {
        if (waiting == reader) {
            waiting = null;
        }
    }

    private synchronized @Nullable Reader takeWaiting() {
        Reader w = waiting;
        waiting = null;
        return w;
    }

    /**
     * One {@link #next()} call. Its lock orders the hand-over against a cancellation: a batch
     * handed over before the cancellation reaches the step (which closes it); after it, the batch
     * is closed here. MonoSink alone would drop a value that races its cancellation.
     */
    private final class Reader {
        private @Nullable MonoSink<Batch> sink;
        private boolean cancelled;

        void start(MonoSink<Batch> value) {
            synchronized (this) {
                sink = value;
            }
            register(this);
        }

        void cancel() {
            synchronized (this) {
                cancelled = true;
            }
            forget(this);
        }

        /** Hands the batch over on the training thread, or closes it when the reader has cancelled. */
        synchronized void deliver(Batch batch) {
            if (cancelled) {
                batch.close();
            } else {
                sink.success(batch);
            }
        }

        synchronized void complete() {
            if (!cancelled) {
                sink.success();
            }
        }

        synchronized void fail(Throwable e) {
            if (!cancelled) {
                sink.error(e);
            }
        }
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
            Reader w = takeWaiting();
            if (w == null) {
                batch.close();
                return;
            }
            onTrainer(() -> w.deliver(batch), batch::close);
        }

        @Override
        protected void hookOnComplete() {
            synchronized (BatchCursor.this) {
                done = true;
            }
            Reader w = takeWaiting();
            if (w != null) {
                onTrainer(w::complete, () -> { });
            }
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            synchronized (BatchCursor.this) {
                error = throwable;
            }
            Reader w = takeWaiting();
            if (w != null) {
                onTrainer(() -> w.fail(throwable), () -> { });
            }
        }
    }
}
