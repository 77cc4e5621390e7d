/** The Java half of the check that real Keras reads what Kerflux writes and the reverse (examples/interop/). */
package io.kerflux.examples.interop;
