package io.kerflux.core.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FansTest {

    @Test
    void denseKernelIsInputsByOutputs() {
        assertThat(Fans.of(new long[] {3, 5})).isEqualTo(new Fans(3, 5));
    }

    @Test
    void convolutionKernelsMultiplyByTheReceptiveField() {
        // Conv1D (k, in, out), Conv2D (kh, kw, in, out), Conv3D (kd, kh, kw, in, out), channels-last.
        assertThat(Fans.of(new long[] {5, 4, 8})).isEqualTo(new Fans(5 * 4, 5 * 8));
        assertThat(Fans.of(new long[] {3, 3, 16, 32})).isEqualTo(new Fans(9 * 16, 9 * 32));
        assertThat(Fans.of(new long[] {2, 3, 4, 5, 6})).isEqualTo(new Fans(24 * 5, 24 * 6));
    }

    @Test
    void otherRanksUseTheSquareRootOfTheSizeAsKeras23Does() {
        assertThat(Fans.of(new long[] {16})).isEqualTo(new Fans(4, 4));
        assertThat(Fans.of(new long[] {})).isEqualTo(new Fans(1, 1));
        assertThat(Fans.of(new long[] {1, 2, 1, 2, 1, 4})).isEqualTo(new Fans(4, 4));
    }
}
