package io.kerflux.core.callbacks;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A callback made of functions, for simple custom callbacks.
 *
 * <p>Keras equivalent: {@code keras.callbacks.LambdaCallback(on_epoch_begin=None,
 * on_epoch_end=None, on_batch_begin=None, on_batch_end=None, on_train_begin=None,
 * on_train_end=None)}. Each function given replaces that hook; the others do nothing. As in
 * Keras, the batch functions run for training batches only.
 *
 * <pre>{@code
 * Callback printBatch = LambdaCallback.builder()
 *         .onBatchBegin((batch, logs) -> System.out.println(batch))
 *         .build();
 * }</pre>
 */
public final class LambdaCallback implements Callback {
    private final IndexedHook onEpochBegin;
    private final IndexedHook onEpochEnd;
    private final IndexedHook onBatchBegin;
    private final IndexedHook onBatchEnd;
    private final Consumer<Logs> onTrainBegin;
    private final Consumer<Logs> onTrainEnd;

    private LambdaCallback(Builder b) {
        this.onEpochBegin = b.onEpochBegin;
        this.onEpochEnd = b.onEpochEnd;
        this.onBatchBegin = b.onBatchBegin;
        this.onBatchEnd = b.onBatchEnd;
        this.onTrainBegin = b.onTrainBegin;
        this.onTrainEnd = b.onTrainEnd;
    }

    /**
     * Starts a builder with every hook a no-op.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEpochBegin(int epoch, Logs logs) {
        onEpochBegin.accept(epoch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        onEpochEnd.accept(epoch, logs);
    }

    @Override
    public void onBatchBegin(int batch, Logs logs) {
        onBatchBegin.accept(batch, logs);
    }

    @Override
    public void onBatchEnd(int batch, Logs logs) {
        onBatchEnd.accept(batch, logs);
    }

    @Override
    public void onTrainBegin(Logs logs) {
        onTrainBegin.accept(logs);
    }

    @Override
    public void onTrainEnd(Logs logs) {
        onTrainEnd.accept(logs);
    }

    /** A hook that receives an index (epoch or batch) and the logs. */
    @FunctionalInterface
    public interface IndexedHook {
        /**
         * Runs the hook.
         *
         * @param index the 0-based epoch or the batch index in its epoch
         * @param logs the hook's logs
         */
        void accept(int index, Logs logs);
    }

    /** Builder for {@link LambdaCallback}. */
    public static final class Builder {
        private IndexedHook onEpochBegin = (i, logs) -> { };
        private IndexedHook onEpochEnd = (i, logs) -> { };
        private IndexedHook onBatchBegin = (i, logs) -> { };
        private IndexedHook onBatchEnd = (i, logs) -> { };
        private Consumer<Logs> onTrainBegin = logs -> { };
        private Consumer<Logs> onTrainEnd = logs -> { };

        private Builder() { }

        /** @param hook {@code (epoch, logs)} at each epoch begin @return this builder */
        public Builder onEpochBegin(IndexedHook hook) {
            this.onEpochBegin = Objects.requireNonNull(hook, "onEpochBegin");
            return this;
        }

        /** @param hook {@code (epoch, logs)} at each epoch end @return this builder */
        public Builder onEpochEnd(IndexedHook hook) {
            this.onEpochEnd = Objects.requireNonNull(hook, "onEpochEnd");
            return this;
        }

        /** @param hook {@code (batch, logs)} before each training batch @return this builder */
        public Builder onBatchBegin(IndexedHook hook) {
            this.onBatchBegin = Objects.requireNonNull(hook, "onBatchBegin");
            return this;
        }

        /** @param hook {@code (batch, logs)} after each training batch @return this builder */
        public Builder onBatchEnd(IndexedHook hook) {
            this.onBatchEnd = Objects.requireNonNull(hook, "onBatchEnd");
            return this;
        }

        /** @param hook {@code (logs)} when training begins @return this builder */
        public Builder onTrainBegin(Consumer<Logs> hook) {
            this.onTrainBegin = Objects.requireNonNull(hook, "onTrainBegin");
            return this;
        }

        /** @param hook {@code (logs)} when training ends @return this builder */
        public Builder onTrainEnd(Consumer<Logs> hook) {
            this.onTrainEnd = Objects.requireNonNull(hook, "onTrainEnd");
            return this;
        }

        /** @return the callback */
        public LambdaCallback build() {
            return new LambdaCallback(this);
        }
    }
}
