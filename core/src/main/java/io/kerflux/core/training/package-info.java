/**
 * The training, evaluation and prediction loops of Kerflux, as Reactor pipelines.
 *
 * <p>Who owns which {@code fit} argument (after Keras 3's epoch_iterator.py, one owner each):
 *
 * <table>
 *   <caption>Argument ownership</caption>
 *   <tr><th>owner</th><th>arguments</th></tr>
 *   <tr><td>data adapters ({@code io.kerflux.streams.BatchFlux}, via {@code Sources})</td>
 *       <td>x, y, sample_weight, batch_size, shuffle, workers, max_queue_size, use_multiprocessing</td></tr>
 *   <tr><td>{@code FitPlanner} (argument checks, Keras' ValueErrors)</td>
 *       <td>class_weight (applied to arrays before the split), validation_split, which arguments a
 *       source allows, the stateful batch-size rules</td></tr>
 *   <tr><td>{@code FitRun} (the loop)</td>
 *       <td>epochs, initial_epoch, steps_per_epoch, validation_data, validation_steps,
 *       validation_freq, callbacks, verbose</td></tr>
 *   <tr><td>{@code TestLoop} / {@code PredictLoop}</td><td>evaluate's and predict's steps and callbacks</td></tr>
 * </table>
 *
 * <p>Threads: loader threads (created by the adapters) only produce batches; each run has one
 * training thread that runs every step and every callback hook; subscribers of {@code
 * model.events()} receive events on their own threads ({@link io.kerflux.core.training.EventHub}).
 */
@NullMarked
package io.kerflux.core.training;

import org.jspecify.annotations.NullMarked;
