/**
 * Layers with Keras 2 names, arguments and defaults. Each layer builds its weights from the input shape and runs a forward and a backward pass written against ND4J.
 */
@NullMarked
package io.kerflux.core.layers;

import org.jspecify.annotations.NullMarked;
