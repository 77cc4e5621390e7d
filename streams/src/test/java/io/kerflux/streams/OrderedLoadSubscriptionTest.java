package io.kerflux.streams;

import static io.kerflux.streams.TestSupport.TIMEOUT;
import static io.kerflux.streams.TestSupport.batch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class OrderedLoadSubscriptionTest {

    private final AtomicInteger closes = new AtomicInteger();
    private final List<Long> started = new ArrayList<>();
    private ManualLoads loads;

    /** Loads that the test completes by hand, in any order, on its own thread. */
    private final class ManualLoads extends OrderedLoadSubscription {

        ManualLoads(CoreSubscriber<? super Batch> actual, int maxQueueSize) {
            // one loader thread that no task ever reaches: the test plays the loaders
            super(actual, Loaders.create(1), maxQueueSize);
        }

        @Override
        void startLoads() {
            while (canReserve()) {
                started.add(reserve());
            }
        }
    }

    private Flux<Integer> flux(int maxQueueSize) {
        return new Flux<Batch>() {
            @Override
            public void subscribe(CoreSubscriber<? super Batch> actual) {
                loads = new ManualLoads(actual, maxQueueSize);
                actual.onSubscribe(loads);
                loads.drain();
            }
        }.map(TestSupport::id);
    }

    @AfterEach
    void loaderThreadsAreGone() {
        TestSupport.awaitNoLoaderThreads();
    }

    @Test
    void emitsInPositionOrderWhateverOrderLoadsComplete() {
        StepVerifier.create(flux(3))
                .then(() -> {
                    loads.loaded(2, batch(2, closes));
                    loads.loaded(1, batch(1, closes));
                })
                .then(() -> assertThat(loads.emitted()).isZero())
                .then(() -> loads.loaded(0, batch(0, closes)))
                .expectNext(0, 1, 2)
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void reservesAtMostMaxQueueSizeAheadAndOneMorePerEmission() {
        StepVerifier.create(flux(3), 0)
                .then(() -> assertThat(started).containsExactly(0L, 1L, 2L))
                .then(() -> loads.loaded(0, batch(0, closes)))
                .then(() -> assertThat(started).hasSize(3))
                .thenRequest(1)
                .expectNext(0)
                .then(() -> assertThat(started).containsExactly(0L, 1L, 2L, 3L))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void theEarliestFailureWinsAndWhatWasLoadedBeyondItIsClosed() {
        IllegalStateException late = new IllegalStateException("at 3");
        IllegalStateException early = new IllegalStateException("at 1");
        StepVerifier.create(flux(4))
                .then(() -> {
                    loads.failed(3, late);
                    loads.loaded(2, batch(2, closes));
                    assertThat(loads.skip(4)).isTrue();
                    assertThat(loads.skip(2)).isFalse();
                    loads.failed(1, early);
                    loads.loaded(0, batch(0, closes));
                })
                .expectNext(0)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(early))
                .verify(TIMEOUT);

        assertThat(closes).hasValue(1);
    }

    @Test
    void theEndCompletesWithoutDemandOnceEveryBatchBeforeItIsOut() {
        StepVerifier.create(flux(4), 0)
                .then(() -> {
                    loads.loaded(0, batch(0, closes));
                    loads.ended(1);
                })
                .thenRequest(1)
                .expectNext(0)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void batchesLoadedAfterCancellationAreClosed() {
        StepVerifier.create(flux(4), 0)
                .then(() -> loads.loaded(0, batch(0, closes)))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(closes).hasValue(1);
        assertThat(loads.skip(1)).isTrue();

        loads.loaded(1, batch(1, closes));

        assertThat(closes).hasValue(2);
    }
}
