package io.kerflux.core.training;

import io.kerflux.core.events.TrainingEvent;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The hot side of a model's events: every event of every run, to any number of subscribers that
 * come and go, without ever slowing training.
 *
 * <p>Each subscriber gets its own channel. Publishing only appends to the channel's buffer and
 * hands delivery to another thread, so a slow subscriber never blocks the training thread. When a
 * subscriber falls more than {@link #BATCH_EVENT_BACKLOG} batch events behind, further batch events
 * are dropped for it (and counted); epoch and run events are never dropped.
 */
public final class EventHub {
    /** Batch events a subscriber may have pending before newer ones are dropped for it. */
    public static final int BATCH_EVENT_BACKLOG = 256;
    private static final int DELIVERY_PREFETCH = 32;

    private final CopyOnWriteArrayList<Channel> channels = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Scheduler delivery;

    /** A hub delivering on Reactor's bounded elastic scheduler (subscribers may block there). */
    public EventHub() {
        this(Schedulers.boundedElastic());
    }

    /**
     * A hub delivering on the given scheduler.
     *
     * @param delivery where subscribers receive events
     */
    public EventHub(Scheduler delivery) {
        this.delivery = delivery;
    }

    /**
     * Publishes an event to every current subscriber; never blocks.
     *
     * @param event the event
     */
    public void publish(TrainingEvent event) {
        for (Channel c : channels) {
            c.offer(event);
        }
    }

    /**
     * The hot stream: a subscriber sees the events published after it subscribed.
     *
     * @return a flux that never completes on its own
     */
    public Flux<TrainingEvent> flux() {
        return Flux.defer(() -> {
            Channel channel = new Channel();
            return Flux.<TrainingEvent>create(sink -> {
                channel.sink = sink;
                channels.add(channel);
                sink.onDispose(() -> channels.remove(channel));
            }, FluxSink.OverflowStrategy.BUFFER)
                    .publishOn(delivery, DELIVERY_PREFETCH)
                    .doOnNext(channel::delivered);
        });
    }

    /** @return how many batch events were dropped for slow subscribers so far */
    public long droppedEvents() {
        return dropped.get();
    }

    private final class Channel {
        private volatile @Nullable FluxSink<TrainingEvent> sink;
        private final AtomicLong pendingBatchEvents = new AtomicLong();

        void offer(TrainingEvent event) {
            FluxSink<TrainingEvent> s = sink;
            if (s == null) {
                return;
            }
            if (event.droppable()) {
                if (pendingBatchEvents.get() >= BATCH_EVENT_BACKLOG) {
                    dropped.incrementAndGet();
                    return;
                }
                pendingBatchEvents.incrementAndGet();
            }
            s.next(event);
        }

        void delivered(TrainingEvent event) {
            if (event.droppable()) {
                pendingBatchEvents.decrementAndGet();
            }
        }
    }
}
