package io.kerflux.core.callbacks;

/**
 * The {@code mode} argument shared by EarlyStopping and ReduceLROnPlateau: whether the monitored
 * quantity should go up or down.
 */
final class MonitorMode {
    private MonitorMode() { }

    /**
     * Resolves a Keras mode string.
     *
     * @param mode "auto", "min" or "max"; anything else warns and means "auto", as in Keras
     * @param monitor the monitored key; in auto mode a key containing "acc" is maximised
     * @param unknownModeWarning the Keras warning text, with {@code %s} for the mode
     * @param warnings where the warning goes
     * @return true to maximise, false to minimise
     */
    static boolean maximize(String mode, String monitor, String unknownModeWarning, Warnings warnings) {
        switch (mode) {
            case "min":
                return false;
            case "max":
                return true;
            case "auto":
                return monitor.contains("acc");
            default:
                warnings.warn(String.format(unknownModeWarning, mode));
                return monitor.contains("acc");
        }
    }

    /**
     * Checks Keras' {@code patience} argument.
     *
     * @param patience epochs without improvement
     * @return the value
     * @throws IllegalArgumentException if negative
     */
    static int patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0. Received: patience=" + patience);
        }
        return patience;
    }

    /**
     * Checks Keras' {@code min_delta} argument.
     *
     * @param minDelta the improvement margin
     * @return the value
     * @throws IllegalArgumentException if not finite
     */
    static double minDelta(double minDelta) {
        if (!Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("min_delta must be a finite number. Received: min_delta=" + minDelta);
        }
        return minDelta;
    }
}
