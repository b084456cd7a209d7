package io.tributary.dispatcher.placement;

/**
 * The 64-bit hashes of the placement rings: FNV-1a over the key's characters, finished by
 * MurmurHash3's fmix64 so nearby keys ("room1", "room2") land far apart. Stable across JVMs and
 * releases, so every dispatcher computes the same ring.
 */
final class KeyHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private KeyHash() {}

    static long of(String key) {
        long h = FNV_OFFSET;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** The ring position of a node's {@code index}-th virtual point. */
    static long point(long nodeHash, int index) {
        return mix(nodeHash ^ ((index + 1L) * GOLDEN));
    }

    private static long mix(long z) {
        z ^= z >>> 33;
        z *= 0xff51afd7ed558ccdL;
        z ^= z >>> 33;
        z *= 0xc4ceb9fe1a85ec53L;
        z ^= z >>> 33;
        return z;
    }
}
