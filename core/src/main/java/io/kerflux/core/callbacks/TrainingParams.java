package io.kerflux.core.callbacks;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a run tells its callbacks before it starts: Keras' {@code callback.params}.
 *
 * @param batchSize samples per batch, if the run slices arrays
 * @param epochs the index of the final epoch (as fit's {@code epochs} argument)
 * @param steps batches per epoch, if known (generators, steps_per_epoch)
 * @param samples training samples per epoch, if known (arrays)
 * @param verbose 0, 1 or 2
 * @param doValidation whether the run validates
 * @param metrics "loss", the metric names, then their {@code val_} copies when validating
 */
public record TrainingParams(
        OptionalLong batchSize,
        int epochs,
        OptionalLong steps,
        OptionalLong samples,
        int verbose,
        boolean doValidation,
        List<String> metrics) {

    /** Copies the metric names. */
    public TrainingParams {
        metrics = List.copyOf(metrics);
    }
}
