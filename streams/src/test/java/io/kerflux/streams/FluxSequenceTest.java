package io.kerflux.streams;

import static io.kerflux.streams.TestSupport.TIMEOUT;
import static io.kerflux.streams.TestSupport.await;
import static io.kerflux.streams.TestSupport.block;
import static io.kerflux.streams.TestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class FluxSequenceTest {

    /** A Sequence that records what the loaders do with it. */
    private static final class Probe implements Sequence {
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger emitted = new AtomicInteger();
        /** The most batches ever loaded ahead: gets started minus batches emitted, at each start. */
        final AtomicInteger maxAhead = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger epochEnds = new AtomicInteger();
        final AtomicInteger sizeReads = new AtomicInteger();
        final Set<String> getThreads = ConcurrentHashMap.newKeySet();
        final Set<String> epochEndThreads = ConcurrentHashMap.newKeySet();
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final IntSupplier size;
        private final IntConsumer duringGet;
        private Runnable duringEpochEnd = () -> { };

        Probe(IntSupplier size, IntConsumer duringGet) {
            this.size = size;
            this.duringGet = duringGet;
        }

        Probe(int size) {
            this(() -> size, index -> { });
        }

        @Override
        public int size() {
            sizeReads.incrementAndGet();
            return size.getAsInt();
        }

        @Override
        public Batch get(int index) {
            getThreads.add(Thread.currentThread().getName());
            int started = gets.incrementAndGet();
            maxAhead.accumulateAndGet(started - emitted.get(), Math::max);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            events.add("get " + index);
            try {
                duringGet.accept(index);
            } finally {
                inFlight.decrementAndGet();
            }
            finished.incrementAndGet();
            return TestSupport.batch(index, closes);
        }

        @Override
        public void onEpochEnd() {
            epochEndThreads.add(Thread.currentThread().getName());
            epochEnds.incrementAndGet();
            events.add("epochEnd");
            duringEpochEnd.run();
        }

        /** The flux with every emission counted as it reaches the subscriber. */
        Flux<Batch> flux(LoadOptions options, long seed) {
            return BatchFlux.fromSequence(this, options, seed).doOnNext(batch -> {
                emitted.incrementAndGet();
                events.add("emit " + id(batch));
            });
        }

    }

    private static long count(List<String> events, String prefix, int before) {
        return events.subList(0, before).stream().filter(e -> e.startsWith(prefix)).count();
    }

    private static List<Integer> ids(Flux<Batch> flux, int count) {
        List<Integer> ids = flux.take(count).map(TestSupport::id).collectList().block(TIMEOUT);
        assertThat(ids).isNotNull();
        return ids;
    }

    @AfterEach
    void loaderThreadsAreGone() {
        TestSupport.awaitNoLoaderThreads();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void emitsInIndexOrderWhenLoadsFinishOutOfOrder(int workers) {
        // In each group of `workers` consecutive indices, get(i) returns only after get(i + 1)
        // has finished, so the loads of a group finish last-first.
        int size = 8;
        CountDownLatch[] finishedIndex = IntStream.range(0, size)
                .mapToObj(i -> new CountDownLatch(1)).toArray(CountDownLatch[]::new);
        List<Integer> finishOrder = Collections.synchronizedList(new ArrayList<>());
        Probe probe = new Probe(() -> size, index -> {
            if ((index + 1) % workers != 0) {
                block(finishedIndex[index + 1]);
            }
            finishOrder.add(index);
            finishedIndex[index].countDown();
        });

        List<Integer> ids = ids(probe.flux(LoadOptions.defaults().workers(workers).shuffle(false), 1), size);

        assertThat(ids).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(finishOrder).hasSize(size);
        if (workers > 1) {
            assertThat(finishOrder).isNotEqualTo(ids);
        }
    }

    @Test
    void shuffleVisitsEveryIndexOncePerPassInAFreshPermutation() {
        int size = 10;
        Probe probe = new Probe(size);
        List<Integer> ids = ids(probe.flux(LoadOptions.defaults().workers(3), 7), 3 * size);

        Set<List<Integer>> passes = new HashSet<>();
        for (int pass = 0; pass < 3; pass++) {
            List<Integer> order = ids.subList(pass * size, (pass + 1) * size);
            assertThat(order).containsExactlyInAnyOrderElementsOf(IntStream.range(0, size).boxed().toList());
            assertThat(order).isNotEqualTo(IntStream.range(0, size).boxed().toList());
            passes.add(List.copyOf(order));
        }
        assertThat(passes).hasSize(3);
    }

    @Test
    void sameSeedGivesTheSameOrders() {
        LoadOptions options = LoadOptions.defaults().workers(2);
        List<Integer> first = ids(new Probe(12).flux(options, 5), 36);
        assertThat(ids(new Probe(12).flux(options, 5), 36)).isEqualTo(first);
        assertThat(ids(new Probe(12).flux(options, 6), 36)).isNotEqualTo(first);
    }

    @Test
    void skippingGoesThroughEarlierPassesWithoutLoadingAndResumesTheSameOrders() {
        LoadOptions options = LoadOptions.defaults().workers(2);
        List<Integer> whole = ids(new Probe(7).flux(options, 5), 30);
        for (int skip : new int[] {3, 7, 16}) {
            Probe probe = new Probe(7);
            List<Integer> resumed = ids(BatchFlux.fromSequence(probe, options, 5, skip), 30 - skip);
            assertThat(resumed).as("skip %d", skip).isEqualTo(whole.subList(skip, 30));
            // Passes wholly skipped still end with onEpochEnd before anything loads, as in the
            // original read; skipped batches are never loaded (at most maxQueueSize beyond those taken).
            List<String> events = List.copyOf(probe.events);
            int firstGet = events.indexOf(events.stream().filter(e -> e.startsWith("get")).findFirst().orElseThrow());
            assertThat(count(events, "epochEnd", firstGet)).isEqualTo(skip / 7);
            assertThat(probe.gets.get()).isBetween(30 - skip, 30 - skip + options.maxQueueSize());
        }
    }

    @Test
    void withoutShuffleEveryPassIsInIndexOrder() {
        Probe probe = new Probe(4);
        assertThat(ids(probe.flux(LoadOptions.defaults().workers(2).shuffle(false), 3), 12))
                .containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3);
    }

    @Test
    void onEpochEndRunsOnALoaderAfterThePassIsEmittedAndBeforeTheNextPassLoads() {
        Probe probe = new Probe(3);
        StepVerifier.create(probe.flux(LoadOptions.defaults().workers(2), 1), 7)
                .expectNextCount(7)
                .then(() -> assertThat(probe.epochEnds).hasValue(2))
                .thenCancel()
                .verify(TIMEOUT);

        List<String> events = List.copyOf(probe.events);
        int first = events.indexOf("epochEnd");
        int second = events.subList(first + 1, events.size()).indexOf("epochEnd") + first + 1;
        assertThat(count(events, "emit", first)).isEqualTo(3);
        assertThat(count(events, "get", first)).isEqualTo(3);
        assertThat(count(events, "emit", second)).isEqualTo(6);
        assertThat(count(events, "get", second)).isEqualTo(6);
        assertThat(probe.epochEndThreads).allMatch(name -> name.startsWith("kerflux-loader-"));
    }

    @Test
    void sizeIsReadAgainEachPassAndAnEmptyPassCompletesTheFlux() {
        int[] sizes = {2, 3, 1, 0};
        AtomicInteger pass = new AtomicInteger();
        Probe probe = new Probe(() -> sizes[pass.get()], index -> { });
        probe.duringEpochEnd = pass::incrementAndGet;

        StepVerifier.create(probe.flux(LoadOptions.defaults().workers(2).shuffle(false), 1).map(TestSupport::id))
                .expectNext(0, 1, 0, 1, 2, 0)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(probe.sizeReads).hasValue(4);
        assertThat(probe.epochEnds).hasValue(3);
    }

    @Test
    void loadsRunOnAllWorkersAtOnce() {
        CountDownLatch allThreeLoading = new CountDownLatch(3);
        Probe probe = new Probe(() -> 12, index -> {
            allThreeLoading.countDown();
            block(allThreeLoading);
        });

        assertThat(ids(probe.flux(LoadOptions.defaults().workers(3).maxQueueSize(6), 1), 12)).hasSize(12);
        assertThat(probe.maxInFlight).hasValue(3);
        assertThat(probe.getThreads).hasSize(3).allMatch(name -> name.startsWith("kerflux-loader-"));
    }

    @Test
    void neverLoadsMoreThanMaxQueueSizeAheadWhenRequestingOneAtATime() {
        Probe probe = new Probe(1000);
        StepVerifier.Step<Batch> step = StepVerifier
                .create(probe.flux(LoadOptions.defaults().workers(2).maxQueueSize(3).shuffle(false), 1), 0)
                .then(() -> await(() -> probe.finished.get() == 3, "3 batches loaded ahead"));
        for (int k = 0; k < 6; k++) {
            int expected = k;
            step = step.thenRequest(1)
                    .assertNext(batch -> assertThat(id(batch)).isEqualTo(expected))
                    .then(() -> await(() -> probe.finished.get() == expected + 4, "refilled to 3 ahead"));
        }
        step.thenCancel().verify(TIMEOUT);

        assertThat(probe.maxAhead).hasValue(3);
        assertThat(probe.gets).hasValue(9);
    }

    @Test
    void neverLoadsMoreThanMaxQueueSizeAheadOfASlowConsumerWithUnboundedDemand() {
        Probe probe = new Probe(1000);
        Flux<Batch> slowConsumer = probe.flux(LoadOptions.defaults().workers(3).maxQueueSize(4), 1)
                .doOnNext(batch -> {
                    if (probe.emitted.get() == 1) {
                        // the consumer is busy with its first batch while the loaders fill the queue
                        await(() -> probe.finished.get() == 4, "4 loaded while the consumer is busy");
                    }
                    await(() -> probe.finished.get() == probe.gets.get(), "loaders idle");
                });

        StepVerifier.create(slowConsumer.take(40))
                .expectNextCount(40)
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(probe.maxAhead.get()).isBetween(3, 4);
    }

    @Test
    void aBillionBatchesAreShuffledWithoutMaterialisingTheOrder() {
        int size = 1_000_000_000;
        Probe probe = new Probe(size);
        // an int[] order of 10^9 indices alone is 4 GB, twice this JVM's heap
        List<Integer> ids = ids(probe.flux(LoadOptions.defaults().workers(2), 3), 20);

        assertThat(ids).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < size);
        assertThat(ids).anyMatch(i -> i >= 20);
    }

    @Test
    void withoutWorkersLoadsOnTheSubscriberThreadInIndexOrderOnlyWhenAsked() {
        Probe probe = new Probe(3);
        String subscriber = Thread.currentThread().getName();
        StepVerifier.create(probe.flux(LoadOptions.defaults().workers(0).shuffle(true), 9).map(TestSupport::id), 0)
                .then(() -> assertThat(probe.gets).hasValue(0))
                .thenRequest(2)
                .expectNext(0, 1)
                .then(() -> assertThat(probe.gets).hasValue(2))
                .thenRequest(2)
                .expectNext(2, 0)
                .then(() -> {
                    assertThat(probe.gets).hasValue(4);
                    assertThat(probe.epochEnds).hasValue(1);
                })
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(probe.getThreads).containsExactly(subscriber);
        assertThat(probe.epochEndThreads).containsExactly(subscriber);
    }

    @Test
    void aFailingGetEndsTheFluxAfterTheEarlierBatchesAndStartsNoOtherLoad() {
        IllegalStateException boom = new IllegalStateException("boom");
        Probe probe = new Probe(() -> 10, index -> {
            if (index == 2) {
                throw boom;
            }
        });

        StepVerifier.create(probe.flux(LoadOptions.defaults().workers(1).maxQueueSize(4).shuffle(false), 1)
                        .map(TestSupport::id))
                .expectNext(0, 1)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(TIMEOUT);

        TestSupport.awaitNoLoaderThreads();
        assertThat(probe.events).filteredOn(e -> e.startsWith("get")).containsExactly("get 0", "get 1", "get 2");
        assertThat(probe.closes).hasValue(0);
    }

    @Test
    void batchesLoadedBeyondAFailureAreClosed() {
        RuntimeException boom = new RuntimeException("boom");
        CountDownLatch failing = new CountDownLatch(1);
        Probe probe = new Probe(() -> 10, index -> {
            if (index == 0) {
                block(failing);
            } else if (index == 1) {
                failing.countDown();
                throw boom;
            }
        });

        StepVerifier.create(probe.flux(LoadOptions.defaults().workers(3).maxQueueSize(5).shuffle(false), 1)
                        .map(TestSupport::id))
                .expectNext(0)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(TIMEOUT);

        TestSupport.awaitNoLoaderThreads();
        int loaded = probe.gets.get() - 1;
        assertThat(probe.closes).hasValue(loaded - 1);
        // batch 0 may be emitted before the failure is recorded, letting one more load start
        assertThat(probe.gets.get()).isLessThanOrEqualTo(5 + probe.emitted.get());
    }

    @Test
    void aFailingOnEpochEndOrSizeEndsTheFluxAfterThePass() {
        IllegalStateException boom = new IllegalStateException("boom");
        Probe failingEpochEnd = new Probe(2);
        failingEpochEnd.duringEpochEnd = () -> {
            throw boom;
        };
        StepVerifier.create(failingEpochEnd.flux(LoadOptions.defaults().shuffle(false), 1).map(TestSupport::id))
                .expectNext(0, 1)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(TIMEOUT);

        StepVerifier.create(new Probe(-1).flux(LoadOptions.defaults(), 1))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("Received: size=-1"))
                .verify(TIMEOUT);
    }

    @Test
    void cancellingClosesLoadedAndInFlightBatchesAndStopsLoading() {
        CountDownLatch release = new CountDownLatch(1);
        Probe probe = new Probe(() -> 100, index -> {
            if (index == 3 || index == 4) {
                block(release);
            }
        });

        StepVerifier.create(probe.flux(LoadOptions.defaults().workers(2).maxQueueSize(4).shuffle(false), 1), 0)
                .thenRequest(1)
                .assertNext(batch -> assertThat(id(batch)).isZero())
                // 1 and 2 wait in the queue, 3 and 4 are loading
                .then(() -> await(() -> probe.gets.get() == 5 && probe.finished.get() == 3, "queue full"))
                .thenCancel()
                .verify(TIMEOUT);
        release.countDown();

        TestSupport.awaitNoLoaderThreads();
        assertThat(probe.gets).hasValue(5);
        assertThat(probe.closes).hasValue(probe.gets.get() - probe.emitted.get());
    }
}
