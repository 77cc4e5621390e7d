/**
 * Activation functions with Keras 2 names and formulas, each with its backward pass; resolve them with {@link io.kerflux.core.activations.Activations#get(String)}.
 */
@NullMarked
package io.kerflux.core.activations;

import org.jspecify.annotations.NullMarked;
