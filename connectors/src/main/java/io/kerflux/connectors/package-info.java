/**
 * The edges of Kerflux: the Kafka source and sinks and the HTTP service on Reactor Netty. The
 * Kafka and HTTP issues fill the {@code kafka} and {@code http} sub-packages.
 */
@NullMarked
package io.kerflux.connectors;

import org.jspecify.annotations.NullMarked;
