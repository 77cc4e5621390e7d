package io.kerflux.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BatchTest {

    @Test
    void acknowledgementAndReleaseRunOnceAndIndependently() {
        List<String> calls = new ArrayList<>();
        Batch b = new Batch(Nd4j.ones(DataType.FLOAT, 2, 3), Nd4j.ones(DataType.FLOAT, 2, 1), null,
                () -> calls.add("ack"), () -> calls.add("release"));
        b.close();
        b.close();
        assertThat(calls).containsExactly("release");
        b.acknowledge();
        b.acknowledge();
        assertThat(calls).containsExactly("release", "ack");
    }

    @Test
    void addedHooksRunAfterTheBatchsOwn() {
        List<String> calls = new ArrayList<>();
        Batch b = new Batch(Nd4j.ones(DataType.FLOAT, 1, 1), null, null, () -> calls.add("ack"), () -> calls.add("rel"))
                .withAcknowledgement(() -> calls.add("commit offsets"))
                .withRelease(() -> calls.add("return buffer"));
        b.acknowledge();
        b.close();
        assertThat(calls).containsExactly("ack", "commit offsets", "rel", "return buffer");
        assertThat(b.size()).isEqualTo(1);
    }

    @Test
    void rejectsArraysWithDifferentSampleCounts() {
        assertThatThrownBy(() -> Batch.of(Nd4j.ones(DataType.FLOAT, 3, 2), Nd4j.ones(DataType.FLOAT, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input arrays should have the same number of samples as target arrays. "
                        + "Found 3 input samples and 2 target samples.");
        assertThatThrownBy(() -> Batch.of(Nd4j.ones(DataType.FLOAT, 3, 2), Nd4j.ones(DataType.FLOAT, 3, 1),
                Nd4j.ones(DataType.FLOAT, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 3 but got 4");
    }
}
