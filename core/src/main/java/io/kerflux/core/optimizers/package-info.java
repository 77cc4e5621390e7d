/**
 * Keras 2.3 optimizers with their defaults, learning-rate decay and gradient clipping; resolve them with {@link io.kerflux.core.optimizers.Optimizers#get(String)}.
 */
@NullMarked
package io.kerflux.core.optimizers;

import org.jspecify.annotations.NullMarked;
