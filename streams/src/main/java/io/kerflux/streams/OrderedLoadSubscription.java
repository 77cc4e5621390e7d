package io.kerflux.streams;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;

/**
 * The shared core of the loading adapters: batches are loaded at numbered positions, possibly out
 * of order on several loader threads, and emitted downstream strictly in position order, with at
 * most {@code maxQueueSize} positions loaded ahead (Keras' {@code OrderedEnqueuer} queue).
 *
 * <p>A position counts as loaded ahead from its {@link #reserve()} (before its load starts) until
 * its batch is handed to {@code onNext}; a new position is reserved only after that {@code onNext}
 * has returned, so the bound holds for any request pattern. A subclass:
 *
 * <ol>
 *   <li>implements {@link #startLoads()}: while {@link #canReserve()}, take a position with {@link
 *       #reserve()} and hand its load to {@link #loaders}; it runs inside the serialised drain
 *       loop, so it may keep plain fields;
 *   <li>makes every load begin with {@link #skip(long)} and end in exactly one of {@link
 *       #loaded(long, Batch)}, {@link #failed(long, Throwable)} or {@link #ended(long)};
 *   <li>overrides {@link #releaseSource()} if the source holds something besides the loader
 *       threads.
 * </ol>
 *
 * <p>Errors and the end of the source are delivered in position order too: the batches before a
 * failed position are still emitted, no later load starts once the failure is known, and whatever
 * was loaded beyond it is closed. Every batch that is not emitted (cancellation, error, late loads)
 * is closed right here rather than through a discard hook, because Reactor chains {@code
 * doOnDiscard} hooks and a trainer's own {@code doOnDiscard(Batch.class, Batch::close)} would close
 * it a second time.
 */
abstract class OrderedLoadSubscription implements Subscription {

    /** Where the source stopped: the first position without a batch, and why (null = it ended). */
    private record Stop(long position, @Nullable Throwable error) { }

    final CoreSubscriber<? super Batch> actual;
    final Loaders loaders;
    private final int capacity;
    private final AtomicReferenceArray<@Nullable Batch> slots;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicReference<@Nullable Stop> stop = new AtomicReference<>();
    private volatile boolean cancelled;

    // Touched only inside the drain loop, which the wip counter serialises.
    private long head;
    private long tail;
    private boolean terminated;

    OrderedLoadSubscription(CoreSubscriber<? super Batch> actual, Loaders loaders, int maxQueueSize) {
        this.actual = actual;
        this.loaders = loaders;
        this.capacity = maxQueueSize;
        this.slots = new AtomicReferenceArray<>(maxQueueSize);
    }

    /** Reserves positions and starts their loads; called inside the drain loop only. */
    abstract void startLoads();

    /** Releases what the source holds besides the loader threads; called once, on termination. */
    void releaseSource() { }

    @Override
    public final void request(long n) {
        if (Operators.validate(n)) {
            requested.getAndUpdate(r -> Operators.addCap(r, n));
            drain();
        }
    }

    @Override
    public final void cancel() {
        cancelled = true;
        drain();
    }

    /**
     * Whether another position may be reserved now: the source has not stopped and fewer than
     * {@code maxQueueSize} positions are loaded ahead. Inline loaders (no threads) read ahead
     * nothing: one position at a time, and only when downstream has asked for it.
     *
     * @return true if {@link #reserve()} may be called
     */
    final boolean canReserve() {
        if (stop.get() != null) {
            return false;
        }
        long ahead = tail - head;
        return loaders.inline() ? ahead == 0 && requested.get() > 0 : ahead < capacity;
    }

    /**
     * Takes the next position; only after {@link #canReserve()} returned true.
     *
     * @return the position whose load the caller starts
     */
    final long reserve() {
        return tail++;
    }

    /**
     * The next position {@link #reserve()} would return.
     *
     * @return the count of positions reserved so far
     */
    final long reserved() {
        return tail;
    }

    /**
     * The position of the next batch to emit.
     *
     * @return the count of batches emitted so far
     */
    final long emitted() {
        return head;
    }

    /**
     * Whether the load of {@code position} must not start: the subscription was cancelled, or the
     * source failed or ended at an earlier position.
     *
     * @param position a reserved position
     * @return true to skip the load
     */
    final boolean skip(long position) {
        Stop s = stop.get();
        return cancelled || (s != null && position > s.position());
    }

    /**
     * Whether downstream has cancelled.
     *
     * @return true once {@link #cancel()} was called
     */
    final boolean isCancelled() {
        return cancelled;
    }

    /**
     * Hands over the batch loaded for {@code position}.
     *
     * @param position a reserved position
     * @param batch its batch
     */
    final void loaded(long position, Batch batch) {
        slots.set(slot(position), batch);
        drain();
    }

    /**
     * Records that the load of {@code position} failed; delivered once every earlier batch is out.
     *
     * @param position a reserved position, or {@link #reserved()} when nothing is ahead
     * @param error the failure, passed downstream as is
     */
    final void failed(long position, Throwable error) {
        stopAt(new Stop(position, error));
    }

    /**
     * Records that the source has no batch for {@code position} or later.
     *
     * @param position the first position without a batch
     */
    final void ended(long position) {
        stopAt(new Stop(position, null));
    }

    private void stopAt(Stop next) {
        stop.accumulateAndGet(next, (current, candidate) ->
                current == null || candidate.position() < current.position() ? candidate : current);
        drain();
    }

    /**
     * Emits what is ready and starts what may start. Whoever changes the state calls this; one
     * thread at a time runs the loop and repeats it for the calls that arrived meanwhile.
     */
    final void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (terminated) {
                closeLoaded();
            } else if (cancelled) {
                terminate();
            } else {
                emit();
                if (!terminated && !cancelled) {
                    startLoads();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void emit() {
        long demand = requested.get();
        long sent = 0;
        while (!cancelled) {
            Stop s = stop.get();
            if (s != null && s.position() == head) {
                terminate();
                Throwable error = s.error();
                if (error == null) {
                    actual.onComplete();
                } else {
                    actual.onError(error);
                }
                return;
            }
            if (sent == demand) {
                break;
            }
            Batch batch = slots.getAndSet(slot(head), null);
            if (batch == null) {
                break;
            }
            head++;
            sent++;
            actual.onNext(batch);
        }
        if (sent != 0 && demand != Long.MAX_VALUE) {
            requested.addAndGet(-sent);
        }
    }

    private void terminate() {
        terminated = true;
        closeLoaded();
        releaseSource();
        loaders.shutdown();
    }

    private void closeLoaded() {
        for (int i = 0; i < capacity; i++) {
            Batch batch = slots.getAndSet(i, null);
            if (batch != null) {
                close(batch);
            }
        }
    }

    /**
     * Closes a batch that will never be emitted; a failing close is reported, not thrown.
     *
     * @param batch the unused batch
     */
    final void close(Batch batch) {
        try {
            batch.close();
        } catch (RuntimeException e) {
            Operators.onErrorDropped(e, actual.currentContext());
        }
    }

    private int slot(long position) {
        return (int) (position % capacity);
    }
}
