package io.crystalbus.rollout;

/**
 * A well-mixed 64-bit hash of a string, computed without allocating: FNV-1a over the UTF-16 code units, then
 * the MurmurHash3 64-bit finalizer so that keys differing in one character spread over all buckets. Written
 * here because the library hashers (Guava's murmur3, for one) allocate a hasher and a byte view per call, and
 * the decider runs once per message. Stable across JVMs, restarts and nodes: it depends on the key alone.
 */
public final class StickyHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StickyHash() {
    }

    public static long of(CharSequence key) {
        long h = FNV_OFFSET;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= FNV_PRIME;
        }
        return fmix64(h);
    }

    /** MurmurHash3's 64-bit finalizer (public-domain algorithm by Austin Appleby). */
    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** The key's bucket in 0..9999, one per 0.01% of traffic. */
    public static int bucket(CharSequence key) {
        return (int) Long.remainderUnsigned(of(key), RolloutState.BUCKETS);
    }
}
