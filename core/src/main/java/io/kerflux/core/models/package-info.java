/**
 * Models: {@link io.kerflux.core.models.Sequential}, a linear stack of layers with Keras' compile / train / evaluate / predict API.
 */
@NullMarked
package io.kerflux.core.models;

import org.jspecify.annotations.NullMarked;
