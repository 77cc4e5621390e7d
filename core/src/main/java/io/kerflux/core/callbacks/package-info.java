/**
 * Callbacks: the Keras hooks ({@link io.kerflux.core.callbacks.Callback}) and the standard
 * callbacks of Keras 2.3. Observers only read logs (History, ProgbarLogger with its Progbar,
 * CSVLogger) or complete them (BaseLogger, which fit runs first); controllers change the model:
 * EarlyStopping and TerminateOnNaN stop training and may restore weights, ReduceLROnPlateau and
 * LearningRateScheduler set the learning rate. LambdaCallback builds a callback from functions.
 *
 * <p>Text they print (progress bars, verbose messages, CSV numbers) matches Keras 2.3 character
 * for character, numbers included (Python's rounding and float formatting). Verbose text goes to
 * an injectable stream (default {@code System.out}), warnings to another (default {@code
 * System.err}).
 */
@NullMarked
package io.kerflux.core.callbacks;

import org.jspecify.annotations.NullMarked;
