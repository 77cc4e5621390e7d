/**
 * Keras 2 loss functions: per-sample values, their gradients and the reductions of Keras' Loss classes; resolve them with {@link io.kerflux.core.losses.Losses#get(String)}.
 */
@NullMarked
package io.kerflux.core.losses;

import org.jspecify.annotations.NullMarked;
