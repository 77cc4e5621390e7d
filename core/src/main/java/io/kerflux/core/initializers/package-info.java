/**
 * Weight initializers with Keras 2 names, defaults and fan computations; seeded and reproducible; resolve them with {@link io.kerflux.core.initializers.Initializers#get(String)}.
 */
@NullMarked
package io.kerflux.core.initializers;

import org.jspecify.annotations.NullMarked;
