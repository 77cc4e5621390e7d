package io.kerflux.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import reactor.test.StepVerifier;

class BatchFluxTest {

    @Test
    void stepsPerEpochCountsThePartialBatch() {
        // ceil(n / B): 100 = 3 * 32 + 4
        assertThat(BatchFlux.stepsPerEpoch(100, 32)).isEqualTo(4);
        assertThat(BatchFlux.stepsPerEpoch(96, 32)).isEqualTo(3);
        assertThat(BatchFlux.stepsPerEpoch(1, 32)).isEqualTo(1);
        assertThat(BatchFlux.stepsPerEpoch(0, 32)).isZero();
        assertThat(BatchFlux.stepsPerEpoch(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void stepsPerEpochRejectsNegativeSamplesAndBatchSizesBelowOne() {
        assertThatThrownBy(() -> BatchFlux.stepsPerEpoch(-1, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: samples=-1");
        assertThatThrownBy(() -> BatchFlux.stepsPerEpoch(10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: batchSize=0");
    }

    @Test
    void rejectsInputsAndTargetsOfDifferentLengthsWithTheKerasMessage() {
        assertThatThrownBy(() -> BatchFlux.fromArrays(Nd4j.zeros(10, 3), Nd4j.zeros(8, 1), null, 4, Shuffle.TRUE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input arrays should have the same number of samples as target arrays. "
                        + "Found 10 input samples and 8 target samples.");
    }

    @Test
    void rejectsSampleWeightsOfAnotherLengthWithTheKerasMessage() {
        assertThatThrownBy(() -> BatchFlux.fromArrays(Nd4j.zeros(10, 3), Nd4j.zeros(10, 1), Nd4j.zeros(8), 4,
                        Shuffle.TRUE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Found a sample_weight array with shape (8,) for an input with shape (10, 1). "
                        + "sample_weight cannot be broadcast.");
        assertThatThrownBy(() -> BatchFlux.fromArrays(Nd4j.zeros(10, 3), null, Nd4j.zeros(9, 2), 4, Shuffle.TRUE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape (9, 2) for an input with shape (10, 3)");
    }

    @Test
    void rejectsABatchSizeBelowOneAndScalarArrays() {
        assertThatThrownBy(() -> BatchFlux.fromArrays(Nd4j.zeros(10, 3), null, null, 0, Shuffle.TRUE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: batchSize=0");
        assertThatThrownBy(() -> BatchFlux.fromArrays(Nd4j.scalar(1.0), null, null, 1, Shuffle.TRUE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`x` must have a first (sample) dimension");
        assertThatThrownBy(() -> BatchFlux.fromArrays(null, null, null, 1, Shuffle.TRUE, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("x");
    }

    @Test
    void arraysWithoutSamplesGiveAnEmptyFlux() {
        StepVerifier.create(BatchFlux.fromArrays(Nd4j.zeros(0, 3), null, null, 4, Shuffle.TRUE, 0))
                .expectComplete()
                .verify(TestSupport.TIMEOUT);
    }

    @Test
    void nothingIsReadBeforeSubscribing() {
        AtomicInteger touched = new AtomicInteger();
        Sequence sequence = new Sequence() {
            @Override
            public int size() {
                touched.incrementAndGet();
                return 1;
            }

            @Override
            public Batch get(int index) {
                touched.incrementAndGet();
                return Batch.ofInputs(Nd4j.zeros(1, 1));
            }
        };
        BatchFlux.fromSequence(sequence, LoadOptions.defaults(), 0);
        BatchFlux.fromSupplier(() -> {
            touched.incrementAndGet();
            return null;
        }, LoadOptions.defaults());
        BatchFlux.fromIterator(Collections.emptyIterator(), LoadOptions.defaults());

        assertThat(touched).hasValue(0);
        assertThat(TestSupport.loaderThreads()).isEmpty();
    }

    @Test
    void rejectsNullSourcesAndOptionsByName() {
        assertThatThrownBy(() -> BatchFlux.fromSequence(null, LoadOptions.defaults(), 0))
                .isInstanceOf(NullPointerException.class).hasMessage("sequence");
        assertThatThrownBy(() -> BatchFlux.fromIterator(Collections.emptyIterator(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("options");
        assertThatThrownBy(() -> BatchFlux.fromPublisher(null, LoadOptions.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("publisher");
    }
}
