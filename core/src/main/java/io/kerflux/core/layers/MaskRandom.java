package io.kerflux.core.layers;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The random source of a layer's masks (dropout), restorable from two numbers: each call gets its
 * own generator, derived from the layer's seed and the number of calls before it. A checkpoint
 * stores the pair, and a restored layer draws the masks the original would have drawn next.
 */
final class MaskRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long seed;
    private long calls;

    MaskRandom(long seed) {
        this.seed = seed;
    }

    /** @return the generator of the next call's masks */
    SplittableRandom nextCall() {
        long index = calls++;
        // Seeds one golden step apart would give overlapping streams: mix the call index first.
        return new SplittableRandom(mix(seed + index * GOLDEN_GAMMA));
    }

    /** Restarts from {@code newSeed}, as if no call had drawn yet. */
    void reseed(long newSeed) {
        seed = newSeed;
        calls = 0;
    }

    /** @return {seed, calls so far} */
    long[] state() {
        return new long[] {seed, calls};
    }

    /**
     * Continues from a state given by {@link #state()}.
     *
     * @param layerName the layer, for the error
     * @param state {seed, calls}
     */
    void restore(String layerName, long[] state) {
        if (state.length != 2 || state[1] < 0) {
            throw new IllegalArgumentException("The random state of layer " + layerName
                    + " must be {seed, calls >= 0}. Received: " + Arrays.toString(state));
        }
        seed = state[0];
        calls = state[1];
    }

    // Stafford's variant 13 of MurmurHash3's finaliser, as SplittableRandom mixes its own seeds.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
