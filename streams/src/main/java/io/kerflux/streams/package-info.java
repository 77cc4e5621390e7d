/**
 * The data plane: {@link io.kerflux.streams.Batch}, {@link io.kerflux.streams.Sequence} and the
 * adapters that turn arrays, sequences, generators and any publisher into a backpressured {@code
 * Flux<Batch>}. No model code lives here.
 *
 * <p>{@link io.kerflux.streams.BatchFlux} is the entry point (Keras' data adapters and enqueuers);
 * {@link io.kerflux.streams.LoadOptions} carries {@code workers}, {@code maxQueueSize}, {@code
 * useMultiprocessing} and {@code shuffle}, and {@link io.kerflux.streams.Shuffle} the array
 * shuffling modes. A {@code Sequence} is loaded on {@code workers} threads named {@code
 * kerflux-loader-N} and delivered in order; a plain generator or publisher is pulled by one such
 * thread. Each adapter is a small package-private {@code Flux} subclass; the loading ones share the
 * ordered, bounded read-ahead of {@code OrderedLoadSubscription}.
 */
@NullMarked
package io.kerflux.streams;

import org.jspecify.annotations.NullMarked;
