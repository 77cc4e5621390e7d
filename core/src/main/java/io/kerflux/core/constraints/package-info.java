/**
 * Weight constraints (max_norm, non_neg, unit_norm, min_max_norm), applied after each optimizer update.
 */
@NullMarked
package io.kerflux.core.constraints;

import org.jspecify.annotations.NullMarked;
