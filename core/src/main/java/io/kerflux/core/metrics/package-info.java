/**
 * Keras 2 metrics: per-sample functions and the stateful means that training reports; resolve them with {@link io.kerflux.core.metrics.Metrics#get(String)}.
 */
@NullMarked
package io.kerflux.core.metrics;

import org.jspecify.annotations.NullMarked;
