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
}
