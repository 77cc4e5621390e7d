/**
 * Keras 2 metrics: per-sample functions ({@link io.kerflux.core.metrics.MetricFunctions}), the
 * stateful means that training reports ({@link io.kerflux.core.metrics.MeanMetricWrapper}), the
 * value reductions {@link io.kerflux.core.metrics.Mean} and {@link io.kerflux.core.metrics.Sum}, and
 * name resolution ({@link io.kerflux.core.metrics.Metrics#get(String)}, {@link
 * io.kerflux.core.metrics.Metrics#resolve}). The math here is synchronous and deterministic; metric
 * objects are stateful and not thread-safe.
 */
@NullMarked
package io.kerflux.core.metrics;

import org.jspecify.annotations.NullMarked;
