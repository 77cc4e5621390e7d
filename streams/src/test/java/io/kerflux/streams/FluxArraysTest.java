package io.kerflux.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import reactor.test.StepVerifier;

class FluxArraysTest {

    /** x row i is [i, 1000 + i], so each batch tells which samples it holds and in which order. */
    private static INDArray inputs(int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {i, 1000 + i};
        }
        return Nd4j.create(rows);
    }

    private static List<Integer> samples(Batch batch) {
        List<Integer> ids = new ArrayList<>();
        for (long r = 0; r < batch.size(); r++) {
            ids.add((int) batch.x().getDouble(r, 0));
        }
        return ids;
    }

    private static List<List<Integer>> firstBatches(INDArray x, int batchSize, Shuffle shuffle, long seed,
            int count) {
        return BatchFlux.fromArrays(x, null, null, batchSize, shuffle, seed)
                .take(count)
                .map(FluxArraysTest::samples)
                .collectList()
                .block(TestSupport.TIMEOUT);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @ParameterizedTest
    @EnumSource(Shuffle.class)
    void skippingResumesExactlyWhereTheUnskippedFluxWouldBe(Shuffle shuffle) {
        INDArray x = inputs(23);
        // 23 samples in batches of 5: 5 batches a pass; skips inside the first, at a pass boundary, deep in the third
        List<List<Integer>> whole = firstBatches(x, 5, shuffle, 9, 20);
        for (int skip : new int[] {0, 3, 5, 12}) {
            List<List<Integer>> resumed = BatchFlux.fromArrays(x, null, null, 5, shuffle, 9, skip)
                    .take(20 - skip)
                    .map(FluxArraysTest::samples)
                    .collectList()
                    .block(TestSupport.TIMEOUT);
            assertThat(resumed).as("skip %d", skip).isEqualTo(whole.subList(skip, 20));
        }
    }

    @Test
    void aNegativeSkipIsRejected() {
        assertThatThrownBy(() -> BatchFlux.fromArrays(inputs(3), null, null, 2, Shuffle.TRUE, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skip=-1");
    }

    @Test
    void noShuffleKeepsOrderAndRepeatsPassesWithSmallerLastBatch() {
        assertThat(firstBatches(inputs(7), 3, Shuffle.FALSE, 1, 6)).containsExactly(
                List.of(0, 1, 2), List.of(3, 4, 5), List.of(6),
                List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
    }

    @Test
    void lastBatchOfEachPassHoldsTheRemainder() {
        List<List<Integer>> batches = firstBatches(inputs(100), 32, Shuffle.TRUE, 3, 8);
        // 100 = 3 * 32 + 4, twice
        assertThat(batches).extracting(List::size).containsExactly(32, 32, 32, 4, 32, 32, 32, 4);
    }

    @Test
    void shuffleVisitsEverySampleOncePerPassInAFreshOrder() {
        int n = 20;
        List<List<Integer>> batches = firstBatches(inputs(n), 6, Shuffle.TRUE, 42, 12);
        List<List<Integer>> passes = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            List<Integer> order = new ArrayList<>();
            batches.subList(4 * pass, 4 * pass + 4).forEach(order::addAll);
            assertThat(order).containsExactlyInAnyOrderElementsOf(range(0, n));
            passes.add(order);
        }
        assertThat(passes.get(0)).isNotEqualTo(range(0, n));
        assertThat(Set.copyOf(passes)).hasSize(3);
    }

    @Test
    void shuffleIsReproducibleBySeed() {
        INDArray x = inputs(30);
        assertThat(firstBatches(x, 7, Shuffle.TRUE, 5, 10)).isEqualTo(firstBatches(x, 7, Shuffle.TRUE, 5, 10));
        assertThat(firstBatches(x, 7, Shuffle.TRUE, 5, 10)).isNotEqualTo(firstBatches(x, 7, Shuffle.TRUE, 6, 10));
    }

    @Test
    void batchShufflePermutesFullBlocksAndKeepsThePartialBlockLast() {
        // n=7, B=3: [0..2] and [3..5] in either order, then [6]; 20 passes see both orders.
        List<List<Integer>> batches = firstBatches(inputs(7), 3, Shuffle.BATCH, 9, 60);
        Set<List<List<Integer>>> blockOrders = new HashSet<>();
        for (int pass = 0; pass < 20; pass++) {
            List<List<Integer>> passBatches = batches.subList(3 * pass, 3 * pass + 3);
            assertThat(passBatches.subList(0, 2))
                    .containsExactlyInAnyOrder(List.of(0, 1, 2), List.of(3, 4, 5));
            assertThat(passBatches.get(2)).isEqualTo(List.of(6));
            blockOrders.add(List.copyOf(passBatches.subList(0, 2)));
        }
        assertThat(blockOrders).hasSize(2);
    }

    @Test
    void targetsAndSampleWeightsFollowTheSameRows() {
        int n = 9;
        INDArray x = inputs(n);
        INDArray y = Nd4j.create(IntStream.range(0, n).mapToDouble(i -> 10.0 * i).toArray(), new long[] {n, 1});
        INDArray perSample = Nd4j.create(IntStream.range(0, n).mapToDouble(i -> i / 100.0).toArray(), new long[] {n});
        double[][] perStep = new double[n][];
        for (int i = 0; i < n; i++) {
            perStep[i] = new double[] {i, -i, 2 * i};
        }
        INDArray temporal = Nd4j.create(perStep);
        for (INDArray weights : List.of(perSample, temporal)) {
            List<Batch> batches = BatchFlux.fromArrays(x, y, weights, 4, Shuffle.TRUE, 11)
                    .take(3).collectList().block(TestSupport.TIMEOUT);
            assertThat(batches).isNotNull();
            for (Batch batch : batches) {
                List<Integer> rows = samples(batch);
                assertThat(batch.sampleWeight()).isNotNull();
                assertThat(batch.sampleWeight().rank()).isEqualTo(weights.rank());
                for (int r = 0; r < rows.size(); r++) {
                    int i = rows.get(r);
                    assertThat(batch.x().getDouble(r, 1)).isEqualTo(1000 + i);
                    assertThat(batch.y().getDouble(r, 0)).isEqualTo(10.0 * i);
                    if (weights.rank() == 1) {
                        assertThat(batch.sampleWeight().getDouble(r)).isEqualTo(i / 100.0);
                    } else {
                        assertThat(batch.sampleWeight().getRow(r).toDoubleVector())
                                .containsExactly(i, -i, 2 * i);
                    }
                }
            }
        }
    }

    @Test
    void gathersHigherRankAndColumnMajorArraysKeepingTheirDtype() {
        // x[i, t, f] = 100 i + 10 t + f, stored column-major
        INDArray x = Nd4j.create(DataType.DOUBLE, new long[] {5, 2, 3}, 'f');
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < 2; t++) {
                for (int f = 0; f < 3; f++) {
                    x.putScalar(new long[] {i, t, f}, 100 * i + 10 * t + f);
                }
            }
        }
        StepVerifier.create(BatchFlux.fromArrays(x, null, null, 2, Shuffle.FALSE, 0).skip(1).take(1))
                .assertNext(batch -> {
                    assertThat(batch.x().shape()).containsExactly(2, 2, 3);
                    assertThat(batch.x().dataType()).isEqualTo(DataType.DOUBLE);
                    // rows 2 and 3
                    assertThat(batch.x().getDouble(0, 1, 2)).isEqualTo(212);
                    assertThat(batch.x().getDouble(1, 0, 1)).isEqualTo(301);
                })
                .expectComplete()
                .verify(TestSupport.TIMEOUT);
    }

    @Test
    void batchesAreGatheredOnDemandAsCopies() {
        // 10^6 rows: a flux that copied x up front, or per pass, would show the edit below.
        int n = 1_000_000;
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 1);
        StepVerifier.create(BatchFlux.fromArrays(x, null, null, 4, Shuffle.FALSE, 0), 1)
                .assertNext(first -> {
                    assertThat(first.x().getDouble(0, 0)).isZero();
                    x.putScalar(0, 0, 7.0);
                    x.putScalar(4, 0, 9.0);
                    assertThat(first.x().getDouble(0, 0)).as("a batch is a copy").isZero();
                })
                .thenRequest(1)
                .assertNext(second -> assertThat(second.x().getDouble(0, 0)).isEqualTo(9.0))
                .thenCancel()
                .verify(TestSupport.TIMEOUT);
    }
}
