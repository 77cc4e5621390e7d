/**
 * The {@code bench} command: Kerflux against DL4J on the workloads, measured side by side in
 * one JVM, plus the sgemm ceiling of this machine.
 */
package io.kerflux.examples.bench;
