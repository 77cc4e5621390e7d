package io.kerflux.core.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PyFormatTest {

    // Expected texts are Python 3's repr(x), '%.Nf' % x and '%.Ne' % x for the same doubles.

    @Test
    void reprIsShortestRoundTripWithPythonNotation() {
        assertThat(PyFormat.repr(0.5)).isEqualTo("0.5");
        assertThat(PyFormat.repr(3.0)).isEqualTo("3.0");
        assertThat(PyFormat.repr(100.0)).isEqualTo("100.0");
        assertThat(PyFormat.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PyFormat.repr(2.0e-3)).isEqualTo("0.002");
        assertThat(PyFormat.repr(-1.25)).isEqualTo("-1.25");
    }

    @Test
    void reprSwitchesToScientificOutsideMinusFourToSixteen() {
        assertThat(PyFormat.repr(1e-4)).isEqualTo("0.0001");
        assertThat(PyFormat.repr(1e-5)).isEqualTo("1e-05");
        assertThat(PyFormat.repr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PyFormat.repr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PyFormat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PyFormat.repr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(PyFormat.repr(1.5e300)).isEqualTo("1.5e+300");
    }

    @Test
    void reprOfZeroAndNonFinite() {
        assertThat(PyFormat.repr(0.0)).isEqualTo("0.0");
        assertThat(PyFormat.repr(-0.0)).isEqualTo("-0.0");
        assertThat(PyFormat.repr(Double.NaN)).isEqualTo("nan");
        assertThat(PyFormat.repr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PyFormat.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void fixedRoundsTheExactBinaryValueHalfToEven() {
        assertThat(PyFormat.fixed(0.69314718, 4)).isEqualTo("0.6931");
        // 0.125 is an exact tie: half-to-even gives 0.12 (String.format would give 0.13).
        assertThat(PyFormat.fixed(0.125, 2)).isEqualTo("0.12");
        // 0.15 is stored as 0.1499999999999999944…, so it rounds down.
        assertThat(PyFormat.fixed(0.15, 1)).isEqualTo("0.1");
        assertThat(PyFormat.fixed(2.5, 0)).isEqualTo("2");
        assertThat(PyFormat.fixed(3.5, 0)).isEqualTo("4");
        assertThat(PyFormat.fixed(-0.00001, 4)).isEqualTo("-0.0000");
        assertThat(PyFormat.fixed(Double.NEGATIVE_INFINITY, 4)).isEqualTo("-inf");
    }

    @Test
    void scientificHasFourDecimalsAndTwoDigitExponent() {
        assertThat(PyFormat.scientific(5e-4, 4)).isEqualTo("5.0000e-04");
        assertThat(PyFormat.scientific(123456, 4)).isEqualTo("1.2346e+05");
        assertThat(PyFormat.scientific(9.99995, 4)).isEqualTo("1.0000e+01");
        assertThat(PyFormat.scientific(-0.5, 4)).isEqualTo("-5.0000e-01");
        assertThat(PyFormat.scientific(0.0, 4)).isEqualTo("0.0000e+00");
        assertThat(PyFormat.scientific(1e-100, 4)).isEqualTo("1.0000e-100");
        assertThat(PyFormat.scientific(Double.NaN, 4)).isEqualTo("nan");
    }

    @Test
    void epochIsOneBasedWithFiveDigits() {
        assertThat(PyFormat.epoch(0)).isEqualTo("00001");
        assertThat(PyFormat.epoch(4)).isEqualTo("00005");
        assertThat(PyFormat.epoch(123455)).isEqualTo("123456");
    }
}
