package io.kerflux.streams;

import static io.kerflux.streams.TestSupport.TIMEOUT;
import static io.kerflux.streams.TestSupport.await;
import static io.kerflux.streams.TestSupport.batch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class FluxFromPublisherTest {

    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger emitted = new AtomicInteger();
    /** The most batches ever requested from the publisher beyond those emitted downstream. */
    private final AtomicLong maxOutstanding = new AtomicLong();

    /** {@code publisher} with its requests counted, read through the adapter with emissions counted. */
    private Flux<Batch> adapted(Publisher<Batch> publisher, LoadOptions options) {
        Flux<Batch> counted = Flux.from(publisher).doOnRequest(n -> maxOutstanding.accumulateAndGet(
                requested.addAndGet(n) - emitted.get(), Math::max));
        return BatchFlux.fromPublisher(counted, options).doOnNext(b -> emitted.incrementAndGet());
    }

    /** Emits batches 0 … count-1 on whatever thread requests them, recording those threads. */
    private Flux<Batch> generated(int count, Set<String> threads) {
        return Flux.defer(() -> {
            threads.add(Thread.currentThread().getName());
            return Flux.<Batch, Integer>generate(() -> 0, (i, sink) -> {
                threads.add(Thread.currentThread().getName());
                sink.next(batch(i, closes));
                if (i == count - 1) {
                    sink.complete();
                }
                return i + 1;
            });
        });
    }

    @AfterEach
    void loaderThreadsAreGone() {
        TestSupport.awaitNoLoaderThreads();
    }

    @Test
    void isSubscribedToAndAskedFromOneLoaderThreadWhateverTheWorkers() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        StepVerifier.create(adapted(generated(10, threads), LoadOptions.defaults().workers(3)).map(TestSupport::id))
                .expectNext(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(threads).containsExactly("kerflux-loader-1");
    }

    @Test
    void neverRequestsMoreThanMaxQueueSizeBeyondWhatWasEmitted() {
        TestPublisher<Batch> publisher = TestPublisher.create();
        StepVerifier.create(adapted(publisher, LoadOptions.defaults().maxQueueSize(3)).map(TestSupport::id), 0)
                .then(() -> await(() -> requested.get() == 3, "3 requested before any demand"))
                .then(() -> publisher.next(batch(0, closes), batch(1, closes), batch(2, closes)))
                .thenRequest(1)
                .expectNext(0)
                .then(() -> await(() -> requested.get() == 4, "one more requested after one emitted"))
                .then(() -> publisher.next(batch(3, closes)))
                .thenRequest(Long.MAX_VALUE)
                .expectNext(1, 2, 3)
                .then(() -> await(() -> requested.get() == 7, "refilled to 3 ahead"))
                .then(publisher::complete)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(maxOutstanding).hasValue(3);
    }

    @Test
    void anErrorIsDeliveredAfterTheBatchesBeforeIt() {
        IllegalStateException boom = new IllegalStateException("boom");
        TestPublisher<Batch> publisher = TestPublisher.create();
        StepVerifier.create(adapted(publisher, LoadOptions.defaults()).map(TestSupport::id), 0)
                .then(() -> await(() -> requested.get() == 10, "queue requested"))
                .then(() -> publisher.next(batch(0, closes), batch(1, closes)).error(boom))
                .thenRequest(5)
                .expectNext(0, 1)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(TIMEOUT);
    }

    @Test
    void cancellingCancelsThePublisherAndClosesReceivedAndLateBatches() {
        TestPublisher<Batch> publisher = TestPublisher.createNoncompliant(TestPublisher.Violation.DEFER_CANCELLATION);
        StepVerifier.create(adapted(publisher, LoadOptions.defaults().maxQueueSize(4)).map(TestSupport::id), 0)
                .then(() -> await(() -> requested.get() == 4, "queue requested"))
                .then(() -> publisher.next(batch(0, closes), batch(1, closes)))
                .thenRequest(1)
                .expectNext(0)
                .thenCancel()
                .verify(TIMEOUT);
        publisher.assertWasCancelled();
        publisher.next(batch(2, closes));

        assertThat(closes).hasValue(2);
    }

    @Test
    void aPublisherEmittingMoreThanRequestedFailsTheFlux() {
        TestPublisher<Batch> publisher = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);
        StepVerifier.create(adapted(publisher, LoadOptions.defaults().maxQueueSize(2)).map(TestSupport::id), 0)
                .then(() -> await(() -> requested.get() == 2, "queue requested"))
                .then(() -> publisher.next(batch(0, closes), batch(1, closes), batch(2, closes)))
                .thenRequest(5)
                .expectNext(0, 1)
                .expectErrorMatches(Exceptions::isOverflow)
                .verify(TIMEOUT);

        assertThat(closes).hasValue(1);
    }

    @Test
    void withoutWorkersIsAskedOnTheSubscriberThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        StepVerifier.create(adapted(generated(3, threads), LoadOptions.defaults().workers(0)).map(TestSupport::id))
                .expectNext(0, 1, 2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }
}
