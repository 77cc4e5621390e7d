package io.kerflux.streams;

/**
 * A data set of batches addressed by index: Kerflux's {@code keras.utils.Sequence}.
 *
 * <p>{@link #get(int)} must return the complete batch {@code index} for every {@code 0 <= index <
 * size()}, the same whatever thread asks and in whatever order, because loaders fetch several
 * indices in parallel and deliver them in order. Each index is used exactly once per epoch. Use
 * {@code ceil(n / batchSize)} for {@link #size()}: floor silently drops the last partial batch.
 */
public interface Sequence {

    /**
     * The number of batches in one epoch ({@code __len__}); read again after every epoch.
     *
     * @return the number of batches, at least 0
     */
    int size();

    /**
     * Batch {@code index} ({@code __getitem__}); may be called from several loader threads at once.
     *
     * @param index a batch index in {@code [0, size())}
     * @return the batch
     */
    Batch get(int index);

    /** Called after every epoch ({@code on_epoch_end}), for example to reshuffle. No-op by default. */
    default void onEpochEnd() { }
}
