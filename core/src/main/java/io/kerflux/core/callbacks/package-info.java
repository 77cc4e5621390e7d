/**
 * Callbacks: the Keras hooks ({@link io.kerflux.core.callbacks.Callback}) and the standard
 * callbacks (History, ProgbarLogger, EarlyStopping, ReduceLROnPlateau, LearningRateScheduler,
 * CSVLogger, TerminateOnNaN, LambdaCallback). Observers only read logs; controllers such as
 * EarlyStopping change the model (stop training, restore weights, set the learning rate).
 */
@NullMarked
package io.kerflux.core.callbacks;

import org.jspecify.annotations.NullMarked;
