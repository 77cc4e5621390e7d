package io.kerflux.examples.bench;

/** One timed job of one framework: a number of steps over data prepared beforehand. */
interface Workload {

    /**
     * Runs {@code steps} steps (training or inference batches).
     *
     * @param steps the number of batches
     * @return the samples processed
     */
    long run(int steps);
}
