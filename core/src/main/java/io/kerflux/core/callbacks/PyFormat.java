package io.kerflux.core.callbacks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * Python's number formatting, so that printed and logged text matches Keras character for
 * character.
 *
 * <p>Python rounds the exact binary value half-to-even ({@code '%.2f' % 0.125 == '0.12'}, {@code
 * '%.1f' % 0.15 == '0.1'}), while {@link String#format} rounds Java's shortest decimal string
 * half-up and gives {@code 0.13} and {@code 0.2}; {@link Double#toString} in Java 17 is not always
 * the shortest string either ({@code 2.0E-3} prints as {@code 0.0020}). Hence BigDecimal here.
 */
final class PyFormat {
    private static final int MAX_DIGITS = 17;

    private PyFormat() { }

    /**
     * Python's {@code repr(x)} / {@code str(x)} of a float: the shortest digits that read back
     * as {@code x}, in fixed notation for decimal exponents in [-4, 16) and otherwise in
     * scientific notation with a signed exponent of at least two digits.
     *
     * @param x the value
     * @return e.g. {@code 0.5}, {@code 3.0}, {@code 1e-05}, {@code 1.5e+16}, {@code nan}
     */
    static String repr(double x) {
        String special = special(x);
        if (special != null) {
            return special;
        }
        String sign = isNegative(x) ? "-" : "";
        if (x == 0) {
            return sign + "0.0";
        }
        BigDecimal exact = new BigDecimal(Math.abs(x));
        BigDecimal shortest = exact;
        for (int p = 1; p <= MAX_DIGITS; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == Math.abs(x)) {
                shortest = candidate;
                break;
            }
        }
        BigDecimal stripped = shortest.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        // x = 0.<digits> × 10^point, Python's "decpt".
        int point = digits.length() - stripped.scale();
        if (point > -4 && point <= 16) {
            return sign + fixedNotation(digits, point);
        }
        int exponent = point - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + exponentText(exponent);
    }

    /**
     * Python's {@code '%.Nf' % x}.
     *
     * @param x the value
     * @param decimals digits after the point
     * @return e.g. {@code 0.6931}, {@code -0.0000}, {@code inf}
     */
    static String fixed(double x, int decimals) {
        String special = special(x);
        if (special != null) {
            return special;
        }
        String body = new BigDecimal(Math.abs(x)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return (isNegative(x) ? "-" : "") + body;
    }

    /**
     * Python's {@code '%.Ne' % x}.
     *
     * @param x the value
     * @param decimals digits after the point of the mantissa
     * @return e.g. {@code 5.0000e-04}, {@code 0.0000e+00}, {@code nan}
     */
    static String scientific(double x, int decimals) {
        String special = special(x);
        if (special != null) {
            return special;
        }
        String sign = isNegative(x) ? "-" : "";
        if (x == 0) {
            return sign + BigDecimal.ZERO.setScale(decimals).toPlainString() + "e+00";
        }
        BigDecimal rounded = new BigDecimal(Math.abs(x)).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exponent).setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
        return sign + mantissa + "e" + exponentText(exponent);
    }

    /**
     * A 0-based epoch index as Keras' messages print it: {@code '%05d' % (epoch + 1)}.
     *
     * @param epoch the 0-based index
     * @return e.g. {@code 00005} for index 4
     */
    static String epoch(int epoch) {
        String n = Integer.toString(epoch + 1);
        return n.length() >= 5 ? n : "0".repeat(5 - n.length()) + n;
    }

    private static String fixedNotation(String digits, int point) {
        if (point <= 0) {
            return "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length()) {
            return digits + "0".repeat(point - digits.length()) + ".0";
        }
        return digits.substring(0, point) + "." + digits.substring(point);
    }

    private static String exponentText(int exponent) {
        String magnitude = Integer.toString(Math.abs(exponent));
        return (exponent < 0 ? "-" : "+") + (magnitude.length() < 2 ? "0" + magnitude : magnitude);
    }

    private static boolean isNegative(double x) {
        return Double.doubleToRawLongBits(x) < 0;
    }

    private static @Nullable String special(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return null;
    }
}
