package io.kerflux.streams;

import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A seeded permutation of {@code [0, size)} computed position by position in constant memory, so
 * that a {@link Sequence} of 10^9 batches can be shuffled without an index array.
 *
 * <p>A balanced Feistel network is a bijection on {@code [0, 4^k)} for any round function; cycle
 * walking (apply again while the result is {@code >= size}) restricts it to a bijection on {@code
 * [0, size)}. The domain is the smallest power of 4 that is at least {@code size}, so a walk takes
 * fewer than 4 steps on average. The orders it yields are pseudorandom, not uniformly drawn from
 * all {@code size!} permutations, which is all that shuffling batches needs.
 */
final class FeistelPermutation implements IntUnaryOperator {

    private static final int ROUNDS = 6;

    private final int size;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys;

    private FeistelPermutation(int size, int halfBits, long[] keys) {
        this.size = size;
        this.halfBits = halfBits;
        this.halfMask = (1L << halfBits) - 1;
        this.keys = keys;
    }

    /**
     * A permutation of {@code [0, size)} whose round keys are drawn from {@code random}.
     *
     * @param size the number of positions, at least 1
     * @param random the source of the round keys
     * @return the permutation
     */
    static FeistelPermutation of(int size, RandomGenerator random) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1. Received: size=" + size);
        }
        int bits = 64 - Long.numberOfLeadingZeros(size - 1L);
        int halfBits = Math.max(1, (bits + 1) / 2);
        long[] keys = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            keys[i] = random.nextLong();
        }
        return new FeistelPermutation(size, halfBits, keys);
    }

    /**
     * The position that {@code index} moves to.
     *
     * @param index a position in {@code [0, size)}
     * @return a position in {@code [0, size)}, different for every {@code index}
     */
    @Override
    public int applyAsInt(int index) {
        long value = index;
        do {
            value = encrypt(value);
        } while (value >= size);
        return (int) value;
    }

    private long encrypt(long value) {
        long left = value >>> halfBits;
        long right = value & halfMask;
        for (long key : keys) {
            long mixed = left ^ (mix(right ^ key) & halfMask);
            left = right;
            right = mixed;
        }
        return (left << halfBits) | right;
    }

    /** Stafford's mix13 finaliser: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
