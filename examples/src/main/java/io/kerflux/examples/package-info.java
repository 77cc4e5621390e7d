/** Runnable programs: the README's main job and, later, online training, the HTTP service and benchmarks. */
package io.kerflux.examples;
