package io.kerflux.core.training;

import io.kerflux.core.callbacks.History;
import io.kerflux.core.events.TrainingEvent;
import reactor.core.publisher.Flux;

/**
 * A prepared fit: its events (cold: subscribing trains) and the History it fills.
 *
 * @param events the run's events; subscribe once
 * @param history filled at each epoch end, complete when the events complete
 */
public record TrainingRun(Flux<TrainingEvent> events, History history) { }
