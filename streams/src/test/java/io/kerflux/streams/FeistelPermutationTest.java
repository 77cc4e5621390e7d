package io.kerflux.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeistelPermutationTest {

    private static int[] values(int size, long seed) {
        FeistelPermutation permutation = FeistelPermutation.of(size, new SplittableRandom(seed));
        return IntStream.range(0, size).map(permutation).toArray();
    }

    @Test
    void isABijectionOnEverySize() {
        IntStream sizes = IntStream.concat(IntStream.rangeClosed(1, 70), IntStream.of(255, 256, 257, 1000, 4097));
        sizes.forEach(size -> assertThat(values(size, size))
                .as("size %d", size)
                .containsExactlyInAnyOrder(IntStream.range(0, size).toArray()));
    }

    @Test
    void theSeedDecidesTheOrder() {
        assertThat(values(50, 1)).isEqualTo(values(50, 1));
        assertThat(values(50, 1)).isNotEqualTo(values(50, 2));
        assertThat(values(50, 1)).isNotEqualTo(IntStream.range(0, 50).toArray());
    }

    @Test
    void handlesTheLargestSizesPositionByPosition() {
        for (int size : new int[] {1_000_000_000, Integer.MAX_VALUE}) {
            FeistelPermutation permutation = FeistelPermutation.of(size, new SplittableRandom(3));
            int[] first = IntStream.range(0, 10_000).map(permutation).toArray();
            assertThat(first).doesNotHaveDuplicates();
            assertThat(IntStream.of(first).allMatch(i -> i >= 0 && i < size)).isTrue();
        }
    }

    @Test
    void rejectsAnEmptyDomain() {
        assertThatThrownBy(() -> FeistelPermutation.of(0, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: size=0");
    }
}
