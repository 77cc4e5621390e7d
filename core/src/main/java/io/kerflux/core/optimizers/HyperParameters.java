package io.kerflux.core.optimizers;

/** Range checks for optimizer hyper-parameters, failing with Keras-style messages. */
final class HyperParameters {

    private HyperParameters() { }

    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(name, "a finite number >= 0", value);
        }
        return value;
    }

    static double closedUnit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(name, "a number in [0, 1]", value);
        }
        return value;
    }

    /** Betas: 1 would divide by zero in the bias corrections {@code 1 - beta^t}. */
    static double halfOpenUnit(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw invalid(name, "a number in [0, 1)", value);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String name, String expected, double value) {
        return new IllegalArgumentException(name + " must be " + expected + ". Received: " + name + "=" + value);
    }
}
