/**
 * Small helpers for shapes and ND4J arrays shared by the math packages.
 */
@NullMarked
package io.kerflux.core.tensor;

import org.jspecify.annotations.NullMarked;
