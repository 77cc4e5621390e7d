package io.kerflux.core.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the epoch logs of a run; {@code fit} returns it.
 *
 * <p>Keras equivalent: {@code keras.callbacks.History}, which fit always adds as the last
 * callback, so it sees what the other callbacks added (such as "lr"). It is cleared at {@link
 * #onTrainBegin}; each {@link #onEpochEnd} appends the epoch index and every key of the epoch's
 * logs. A key missing in some epochs simply has fewer entries: with {@code validationFreq = 3}
 * over 6 epochs, "val_loss" has 2 values and "loss" 6.
 */
public final class History implements Callback {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> history = new LinkedHashMap<>();

    /** An empty history. */
    public History() { }

    @Override
    public void onTrainBegin(Logs logs) {
        epochs.clear();
        history.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        epochs.add(epoch);
        logs.asMap().forEach((k, v) -> history.computeIfAbsent(k, key -> new ArrayList<>()).add(v));
    }

    /**
     * The recorded values ({@code history.history}).
     *
     * @return key to values, one value per epoch that logged the key; keys in the order first
     *     seen; a read-only copy
     */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The 0-based indices of the epochs recorded ({@code history.epoch}).
     *
     * @return the epoch indices in order; a read-only copy
     */
    public List<Integer> epoch() {
        return List.copyOf(epochs);
    }
}
