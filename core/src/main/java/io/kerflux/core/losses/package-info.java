/**
 * Keras 2 losses: per-sample values, their gradients, and the sample weighting and reductions of
 * Keras' loss objects.
 *
 * <p>Resolve a loss by name with {@link io.kerflux.core.losses.Losses#get(String)} ("mse",
 * "categorical_crossentropy", …), build a configured one with its class's builder
 * ({@code CategoricalCrossentropy.builder().fromLogits(true).build()}), or write a custom loss by
 * extending {@link io.kerflux.core.losses.LossFunction}.
 */
@NullMarked
package io.kerflux.core.losses;

import org.jspecify.annotations.NullMarked;
