package io.kerflux.core.training;

import io.kerflux.streams.Batch;
import io.kerflux.streams.Sequence;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.reactivestreams.Publisher;

/**
 * An input to fit, evaluate or predict: arrays, a {@link Sequence}, or a generator.
 *
 * <p>Keras equivalent: what {@code x} (and {@code validation_data}) may be. Arrays are sliced into
 * batches by the pipeline; a Sequence is read by index on {@code workers} loader threads; a
 * generator (iterator, supplier or publisher of batches) is pulled by one loader thread.
 */
public sealed interface DataSource {

    /**
     * Arrays of samples.
     *
     * @param x inputs {@code (n, …)}
     * @param y targets {@code (n, …)}, or null (prediction)
     * @param sampleWeight {@code (n,)} or {@code (n, T)}, or null
     */
    record Arrays(INDArray x, @Nullable INDArray y, @Nullable INDArray sampleWeight) implements DataSource {
        /** Checks that x is given. */
        public Arrays {
            Objects.requireNonNull(x, "x");
        }
    }

    /** @param sequence a data set addressed by batch index */
    record OfSequence(Sequence sequence) implements DataSource {
        /** Checks the argument. */
        public OfSequence {
            Objects.requireNonNull(sequence, "sequence");
        }
    }

    /** @param iterator a generator of batches; it ends when the iterator does */
    record OfIterator(Iterator<Batch> iterator) implements DataSource {
        /** Checks the argument. */
        public OfIterator {
            Objects.requireNonNull(iterator, "iterator");
        }
    }

    /** @param supplier an endless generator of batches (a null ends it) */
    record OfSupplier(Supplier<@Nullable Batch> supplier) implements DataSource {
        /** Checks the argument. */
        public OfSupplier {
            Objects.requireNonNull(supplier, "supplier");
        }
    }

    /**
     * Any reactive source of batches (a Kafka topic, an HTTP body). Without a step count an epoch
     * lasts until the publisher completes, and the next epoch subscribes to it again.
     *
     * @param publisher the batches
     */
    record OfPublisher(Publisher<Batch> publisher) implements DataSource {
        /** Checks the argument. */
        public OfPublisher {
            Objects.requireNonNull(publisher, "publisher");
        }
    }

    /**
     * Inputs and targets.
     *
     * @param x inputs
     * @param y targets
     * @return the source
     */
    static DataSource of(INDArray x, INDArray y) {
        return new Arrays(x, Objects.requireNonNull(y, "y"), null);
    }

    /**
     * Inputs, targets and sample weights.
     *
     * @param x inputs
     * @param y targets
     * @param sampleWeight weights
     * @return the source
     */
    static DataSource of(INDArray x, INDArray y, INDArray sampleWeight) {
        return new Arrays(x, Objects.requireNonNull(y, "y"), Objects.requireNonNull(sampleWeight, "sampleWeight"));
    }

    /** @param sequence the sequence @return the source */
    static DataSource of(Sequence sequence) {
        return new OfSequence(sequence);
    }

    /** @param iterator the generator @return the source */
    static DataSource of(Iterator<Batch> iterator) {
        return new OfIterator(iterator);
    }

    /** @param supplier the generator @return the source */
    static DataSource of(Supplier<@Nullable Batch> supplier) {
        return new OfSupplier(supplier);
    }

    /** @param publisher the batches @return the source */
    static DataSource of(Publisher<Batch> publisher) {
        return new OfPublisher(publisher);
    }

    /** @return whether this is a generator (iterator, supplier or publisher), not arrays or a Sequence */
    default boolean isGenerator() {
        return this instanceof OfIterator || this instanceof OfSupplier || this instanceof OfPublisher;
    }
}
