/**
 * The data plane: {@link io.kerflux.streams.Batch}, {@link io.kerflux.streams.Sequence} and the
 * adapters that turn arrays, sequences, generators and any publisher into a backpressured {@code
 * Flux<Batch>}. No model code lives here.
 */
@NullMarked
package io.kerflux.streams;

import org.jspecify.annotations.NullMarked;
