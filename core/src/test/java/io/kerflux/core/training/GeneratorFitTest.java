package io.kerflux.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerflux.core.callbacks.History;
import io.kerflux.core.events.TrainingEvent;
import io.kerflux.core.layers.Dense;
import io.kerflux.core.models.Sequential;
import io.kerflux.streams.Batch;
import io.kerflux.streams.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class GeneratorFitTest {

    private static Sequential model() {
        Sequential model = Sequential.builder().dtype(DataType.DOUBLE).seed(3).build();
        model.add(new Dense(1).inputShape(2));
        model.compile("sgd", "mse");
        return model;
    }

    /** A Sequence whose batch i has i in every input cell; counts loads, acknowledgements and releases. */
    static final class CountingSequence implements Sequence {
        final int size;
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger acks = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        final AtomicInteger epochEnds = new AtomicInteger();
        final List<Integer> trained = new CopyOnWriteArrayList<>();
        final List<Integer> released = new CopyOnWriteArrayList<>();

        CountingSequence(int size) {
            this.size = size;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Batch get(int index) {
            loads.incrementAndGet();
            INDArray x = Nd4j.valueArrayOf(new long[] {2, 2}, (double) index);
            return new Batch(x, Nd4j.zeros(DataType.DOUBLE, 2, 1), null, () -> {
                acks.incrementAndGet();
                trained.add(index);
            }, () -> { releases.incrementAndGet(); released.add(index); });
        }

        @Override
        public void onEpochEnd() {
            epochEnds.incrementAndGet();
        }
    }

    @Test
    void sequenceIsTrainedInOrderWithParallelLoadersAndEveryBatchAcknowledged() {
        CountingSequence seq = new CountingSequence(6);
        History h = model().fit(seq, FitOptions.builder().epochs(2).workers(3).maxQueueSize(4).shuffle(false)
                .verbose(0).build());
        assertThat(h.epoch()).containsExactly(0, 1);
        assertThat(seq.trained).containsExactly(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5);
        assertThat(seq.acks).hasValue(12);
    }

    @Test
    void shuffledSequenceUsesEveryIndexOncePerEpoch() {
        CountingSequence seq = new CountingSequence(8);
        model().fit(seq, FitOptions.builder().epochs(2).workers(2).verbose(0).build());
        assertThat(seq.trained.subList(0, 8)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(seq.trained.subList(8, 16)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void loaderErrorReachesTheCallerWithItsCause() {
        IllegalStateException broken = new IllegalStateException("disk on fire");
        Sequence seq = new Sequence() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public Batch get(int index) {
                if (index == 2) {
                    throw broken;
                }
                return Batch.of(Nd4j.ones(DataType.DOUBLE, 1, 2), Nd4j.ones(DataType.DOUBLE, 1, 1));
            }
        };
        assertThatThrownBy(() -> model().fit(seq, FitOptions.builder().shuffle(false).verbose(0).build()))
                .satisfies(e -> assertThat(e == broken || e.getCause() == broken).isTrue());
    }

    /**
     * Repeated because the batch in hand-over when the run is cancelled races the cancellation:
     * before BatchCursor ordered the two, about 1 run in 170 lost that batch (neither trained nor
     * closed), so 150 runs catch such a regression about 6 times in 10.
     */
    @RepeatedTest(150)
    void cancellingStopsTrainingAndReleasesUnusedBatchesWithoutAcknowledging() throws InterruptedException {
        CountingSequence seq = new CountingSequence(1_000);
        Sequential model = model();
        CountDownLatch started = new CountDownLatch(3);
        Disposable run = model.fitStream(DataSource.of(seq), FitOptions.builder().epochs(100).workers(2)
                        .maxQueueSize(5).verbose(0).build())
                .filter(e -> e instanceof TrainingEvent.TrainBatchEnd)
                .subscribe(e -> started.countDown());
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        run.dispose();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seq.releases.get() < seq.loads.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(seq.releases.get()).as("trained %s, released %s", seq.trained, seq.released).isEqualTo(seq.loads.get());
        // Batches loaded ahead but never trained (most runs have some) are closed, never acknowledged.
        assertThat(seq.acks.get()).isEqualTo(seq.trained.size());
        assertThat(seq.released).containsAll(seq.trained);
        assertThat(seq.loads.get()).isLessThan(1_000);
    }

    @Test
    void neverMoreThanMaxQueueSizeLoadedAheadOfTheTrainer() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger trained = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Sequence seq = new Sequence() {
            @Override
            public int size() {
                return 40;
            }

            @Override
            public Batch get(int index) {
                int ahead = started.incrementAndGet() - trained.get();
                maxAhead.accumulateAndGet(ahead, Math::max);
                return new Batch(Nd4j.ones(DataType.DOUBLE, 1, 2), Nd4j.ones(DataType.DOUBLE, 1, 1), null,
                        trained::incrementAndGet, () -> { });
            }
        };
        model().fit(seq, FitOptions.builder().workers(4).maxQueueSize(3).verbose(0).build());
        // the batch being trained is not acknowledged yet, so it counts as "ahead" too
        assertThat(maxAhead.get()).isLessThanOrEqualTo(3 + 1);
        assertThat(trained).hasValue(40);
    }

    @Test
    void plainGeneratorNeedsStepsAndRunsOutOfDataWithAStop() {
        List<Batch> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(Batch.of(Nd4j.ones(DataType.DOUBLE, 2, 2), Nd4j.ones(DataType.DOUBLE, 2, 1)));
        }
        Iterator<Batch> it = five.iterator();
        History h = model().fit(it, FitOptions.builder().stepsPerEpoch(2).epochs(5).verbose(0).build());
        // 5 batches: epochs 0 and 1 complete, epoch 2 gets one batch, then the input runs out and training stops
        assertThat(h.epoch()).containsExactly(0, 1, 2);
    }

    @Test
    void publisherWithoutStepsMakesOneEpochPerSubscription() {
        AtomicInteger subscriptions = new AtomicInteger();
        Flux<Batch> three = Flux.range(0, 3)
                .map(i -> Batch.of(Nd4j.ones(DataType.DOUBLE, 2, 2), Nd4j.ones(DataType.DOUBLE, 2, 1)))
                .doOnSubscribe(s -> subscriptions.incrementAndGet());
        Sequential model = model();
        StepVerifier.create(model.fitStream(three, FitOptions.builder().epochs(2).verbose(0).build())
                        .filter(e -> e instanceof TrainingEvent.TrainBatchEnd))
                .expectNextCount(6)
                .verifyComplete();
        assertThat(subscriptions).hasValue(2);
    }

    @Test
    void slowSubscriberToEventsLosesBatchEventsButNeverEpochEvents() throws InterruptedException {
        Sequential model = model();
        List<TrainingEvent> seen = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Disposable slow = model.events().subscribe(e -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            seen.add(e);
        });
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2_000, 2);
        model.fit(x, x.sum(1).reshape(2_000, 1), FitOptions.builder().batchSize(2).epochs(3).verbose(0).build());
        // the fit finished while the subscriber was still blocked on its first event
        assertThat(seen).isEmpty();
        long batchEvents = 3 * 1_000;
        assertThat(model.droppedEvents()).isGreaterThan(batchEvents - EventHub.BATCH_EVENT_BACKLOG - 64);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.stream().noneMatch(e -> e instanceof TrainingEvent.TrainEnd) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        slow.dispose();
        assertThat(seen).filteredOn(e -> e instanceof TrainingEvent.EpochEnd).hasSize(3);
        assertThat(seen).filteredOn(e -> e instanceof TrainingEvent.TrainEnd).hasSize(1);
        assertThat(seen).filteredOn(e -> e instanceof TrainingEvent.TrainBatchEnd).hasSizeLessThan((int) batchEvents);
    }

    @Test
    void lateSubscribersSeeLaterRuns() {
        Sequential model = model();
        INDArray x = Nd4j.ones(DataType.DOUBLE, 4, 2);
        model.fit(x, Nd4j.ones(DataType.DOUBLE, 4, 1), FitOptions.builder().verbose(0).build());
        StepVerifier.create(model.events().filter(e -> e instanceof TrainingEvent.EpochEnd).take(1))
                .then(() -> model.fit(x, Nd4j.ones(DataType.DOUBLE, 4, 1), FitOptions.builder().verbose(0).build()))
                .expectNextMatches(e -> e.run() == 2)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void evaluateAndPredictGenerators() {
        Sequential model = model();
        model.setWeights(List.of(Nd4j.create(new double[][] {{1}, {1}}), Nd4j.zeros(DataType.DOUBLE, 1)));
        CountingSequence seq = new CountingSequence(3);
        // batch i: inputs all i, targets 0 -> prediction 2i, squared error 4i², two samples each
        Evaluation e = model.evaluateGenerator(seq, EvaluateOptions.builder().verbose(0).build());
        assertThat(e.scalar()).isCloseTo((0 + 4 + 16) / 3.0, within(1e-12));
        INDArray p = model.predictGenerator(new CountingSequence(3), PredictOptions.builder().build());
        assertThat(p.reshape(6).toDoubleVector()).containsExactly(0, 0, 2, 2, 4, 4);
    }
}
