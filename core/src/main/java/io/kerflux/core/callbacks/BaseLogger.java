package io.kerflux.core.callbacks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns batch logs into the epoch values that {@code onEpochEnd} reports.
 *
 * <p>Keras equivalent: {@code keras.callbacks.BaseLogger}, which fit always adds as the first
 * callback. During an epoch it sums {@code value × size} over the training batches for keys that
 * are not stateful (the loss: each batch reports its own loss), where {@code size} is the batch's
 * sample count (not the sum of its sample weights); for stateful keys (the compiled metrics, which
 * already report their running value since the epoch began) it keeps the last value. At epoch end
 * it writes, for every name in {@link TrainingParams#metrics()} that a batch reported, the
 * weighted average or the last value into the logs, after any {@code val_*} entries already there.
 *
 * <p>Example (KERAS_SEMANTICS.md §5): batch losses 22.5 (2 samples) and 2.25 (1 sample) give an
 * epoch loss of {@code (22.5·2 + 2.25·1) / 3 = 15.75}; batch-end mae 4.5 then 3.5 gives 3.5.
 */
public final class BaseLogger implements Callback {
    private final @Nullable Set<String> explicitStateful;
    private Set<String> stateful = Set.of();
    private List<String> metrics = List.of();
    private final Map<String, Double> totals = new HashMap<>();
    private double seen;

    /**
     * A logger that takes the stateful names from the run's parameters, as Keras' fit does
     * ({@code stateful_metrics = model.metrics_names[1:]}): every training name in {@link
     * TrainingParams#metrics()} except the first, "loss". Per that record's contract the training
     * names are the whole list, or its first half when the run validates.
     */
    public BaseLogger() {
        this.explicitStateful = null;
    }

    /**
     * A logger with explicit stateful names ({@code BaseLogger(stateful_metrics)}).
     *
     * @param statefulMetrics names whose last batch value is reported as is; all other keys are
     *     averaged over the epoch weighted by batch size
     */
    public BaseLogger(Set<String> statefulMetrics) {
        this.explicitStateful = Set.copyOf(Objects.requireNonNull(statefulMetrics, "statefulMetrics"));
    }

    @Override
    public void setParams(TrainingParams params) {
        this.metrics = params.metrics();
        this.stateful = explicitStateful != null ? explicitStateful : derivedStateful(params);
    }

    /**
     * The compiled metric names of a run: {@code metrics_names[1:]}.
     *
     * @param params the run's parameters
     * @return the training names except "loss"
     */
    static Set<String> derivedStateful(TrainingParams params) {
        List<String> names = params.metrics();
        int trainCount = params.doValidation() ? names.size() / 2 : names.size();
        return trainCount <= 1 ? Set.of() : Set.copyOf(names.subList(1, trainCount));
    }

    @Override
    public void onEpochBegin(int epoch, Logs logs) {
        seen = 0;
        totals.clear();
    }

    @Override
    public void onBatchEnd(int batch, Logs logs) {
        double size = logs.get("size").orElse(0);
        seen += size;
        logs.asMap().forEach((k, v) -> {
            if (stateful.contains(k)) {
                totals.put(k, v);
            } else {
                totals.merge(k, v * size, Double::sum);
            }
        });
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        for (String k : metrics) {
            Double total = totals.get(k);
            if (total != null) {
                logs.put(k, stateful.contains(k) ? total : total / seen);
            }
        }
    }
}
