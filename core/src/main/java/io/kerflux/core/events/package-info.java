/**
 * Training events: immutable, Jackson-serializable snapshots of a run, published by {@code
 * Sequential.fitStream} (cold) and {@code Sequential.events()} (hot).
 */
@NullMarked
package io.kerflux.core.events;

import org.jspecify.annotations.NullMarked;
