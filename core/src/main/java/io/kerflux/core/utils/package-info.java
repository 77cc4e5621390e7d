/** Keras' {@code keras.utils} helpers that users call on their data. */
@NullMarked
package io.kerflux.core.utils;

import org.jspecify.annotations.NullMarked;
