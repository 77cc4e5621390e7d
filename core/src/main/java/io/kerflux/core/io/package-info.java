/**
 * Saving and loading: Keras JSON model configs ({@code model.to_json()}), Keras 2 HDF5 files and
 * Keras 3 {@code .keras} archives, through {@link io.kerflux.core.io.Models}.
 */
@NullMarked
package io.kerflux.core.io;

import org.jspecify.annotations.NullMarked;
