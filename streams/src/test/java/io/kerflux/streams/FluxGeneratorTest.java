package io.kerflux.streams;

import static io.kerflux.streams.TestSupport.TIMEOUT;
import static io.kerflux.streams.TestSupport.await;
import static io.kerflux.streams.TestSupport.block;
import static io.kerflux.streams.TestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class FluxGeneratorTest {

    /** A generator of batches 0, 1, 2, … that records how it is pulled; both iterator and supplier. */
    private static final class Source implements Iterator<Batch> {
        final AtomicInteger hasNextCalls = new AtomicInteger();
        final AtomicInteger pulls = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicInteger emitted = new AtomicInteger();
        final AtomicInteger maxAhead = new AtomicInteger();
        final AtomicInteger maxConcurrentPulls = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private final AtomicInteger concurrentPulls = new AtomicInteger();
        private final int length;
        private final IntConsumer duringPull;

        /** @param length the number of batches, or -1 for endless */
        Source(int length, IntConsumer duringPull) {
            this.length = length;
            this.duringPull = duringPull;
        }

        @Override
        public boolean hasNext() {
            hasNextCalls.incrementAndGet();
            return length < 0 || pulls.get() < length;
        }

        @Override
        public Batch next() {
            threads.add(Thread.currentThread().getName());
            maxConcurrentPulls.accumulateAndGet(concurrentPulls.incrementAndGet(), Math::max);
            int index = pulls.getAndIncrement();
            maxAhead.accumulateAndGet(index + 1 - emitted.get(), Math::max);
            try {
                duringPull.accept(index);
            } finally {
                concurrentPulls.decrementAndGet();
            }
            finished.incrementAndGet();
            return TestSupport.batch(index, closes);
        }

        @Nullable Batch nextOrNull() {
            return length >= 0 && pulls.get() >= length ? null : next();
        }

        Flux<Batch> counted(Flux<Batch> flux) {
            return flux.doOnNext(batch -> emitted.incrementAndGet());
        }
    }

    @AfterEach
    void loaderThreadsAreGone() {
        TestSupport.awaitNoLoaderThreads();
    }

    @Test
    void anIteratorIsPulledByOneLoaderThreadWhateverTheWorkersAndItsEndCompletesTheFlux() {
        Source source = new Source(10, index -> { });
        StepVerifier.create(BatchFlux.fromIterator(source, LoadOptions.defaults().workers(4)).map(TestSupport::id))
                .expectNext(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(source.threads).containsExactly("kerflux-loader-1");
        assertThat(source.maxConcurrentPulls).hasValue(1);
        // one hasNext per batch plus the one that ended it, never asked again
        assertThat(source.hasNextCalls).hasValue(11);
    }

    @Test
    void aSupplierReturningNullEndsTheFluxAndIsNotCalledAgain() {
        Source source = new Source(3, index -> { });
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.create(BatchFlux.fromSupplier(() -> {
                    calls.incrementAndGet();
                    return source.nextOrNull();
                }, LoadOptions.defaults().workers(3)).map(TestSupport::id))
                .expectNext(0, 1, 2)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(calls).hasValue(4);
        assertThat(source.threads).containsExactly("kerflux-loader-1");
    }

    @Test
    void neverPullsMoreThanMaxQueueSizeAheadWhenRequestingOneAtATime() {
        Source source = new Source(-1, index -> { });
        StepVerifier.Step<Batch> step = StepVerifier
                .create(source.counted(BatchFlux.fromSupplier(source::next, LoadOptions.defaults().maxQueueSize(3))), 0)
                .then(() -> await(() -> source.finished.get() == 3, "3 batches pulled ahead"));
        for (int k = 0; k < 5; k++) {
            int expected = k;
            step = step.thenRequest(1)
                    .assertNext(batch -> assertThat(id(batch)).isEqualTo(expected))
                    .then(() -> await(() -> source.finished.get() == expected + 4, "refilled to 3 ahead"));
        }
        step.thenCancel().verify(TIMEOUT);

        assertThat(source.maxAhead).hasValue(3);
        assertThat(source.pulls).hasValue(8);
    }

    @Test
    void neverPullsMoreThanMaxQueueSizeAheadOfASlowConsumerWithUnboundedDemand() {
        Source source = new Source(50, index -> { });
        LoadOptions options = LoadOptions.defaults().maxQueueSize(4);
        Flux<Batch> slowConsumer = source.counted(BatchFlux.fromIterator(source, options))
                .doOnNext(batch -> await(() -> source.finished.get() == source.pulls.get(), "loader idle"));

        StepVerifier.create(slowConsumer, 0)
                .then(() -> await(() -> source.finished.get() == 4, "4 pulled before any demand"))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(50)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(source.maxAhead).hasValue(4);
    }

    @Test
    void aFailingPullEndsTheFluxAfterTheEarlierBatchesAndTheGeneratorIsNotPulledAgain() {
        IllegalStateException boom = new IllegalStateException("boom");
        Source source = new Source(-1, index -> {
            if (index == 2) {
                throw boom;
            }
        });

        StepVerifier.create(BatchFlux.fromIterator(source, LoadOptions.defaults()).map(TestSupport::id))
                .expectNext(0, 1)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(TIMEOUT);

        TestSupport.awaitNoLoaderThreads();
        assertThat(source.pulls).hasValue(3);
        assertThat(source.hasNextCalls).hasValue(3);
    }

    @Test
    void cancellingClosesPulledAndInFlightBatchesAndStopsPulling() {
        CountDownLatch release = new CountDownLatch(1);
        Source source = new Source(-1, index -> {
            if (index == 2) {
                block(release);
            }
        });

        LoadOptions options = LoadOptions.defaults().maxQueueSize(4);
        StepVerifier.create(source.counted(BatchFlux.fromSupplier(source::next, options)), 0)
                .thenRequest(1)
                .assertNext(batch -> assertThat(id(batch)).isZero())
                // 1 waits in the queue, 2 is being pulled, 3 and 4 wait for the loader thread
                .then(() -> await(() -> source.pulls.get() == 3 && source.finished.get() == 2, "pull 2 blocked"))
                .thenCancel()
                .verify(TIMEOUT);
        release.countDown();

        TestSupport.awaitNoLoaderThreads();
        assertThat(source.pulls).hasValue(3);
        assertThat(source.closes).hasValue(source.pulls.get() - source.emitted.get());
    }

    @Test
    void withoutWorkersPullsOnTheSubscriberThreadOnlyWhenAsked() {
        Source source = new Source(5, index -> { });
        String subscriber = Thread.currentThread().getName();
        StepVerifier.create(BatchFlux.fromIterator(source, LoadOptions.defaults().workers(0)).map(TestSupport::id), 0)
                .then(() -> assertThat(source.pulls).hasValue(0))
                .thenRequest(2)
                .expectNext(0, 1)
                .then(() -> assertThat(source.pulls).hasValue(2))
                .thenRequest(10)
                .expectNext(2, 3, 4)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(source.threads).containsExactly(subscriber);
    }
}
