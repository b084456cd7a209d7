package io.tributary.worker.ortc;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/** Source of the random SSRCs mediasoup assigns, in [100000000, 999999999) like Node's randomInt. */
@FunctionalInterface
public interface SsrcGenerator {

    long MIN = 100_000_000L;
    long MAX_EXCLUSIVE = 999_999_999L;

    long next();

    static SsrcGenerator random() {
        return () -> ThreadLocalRandom.current().nextLong(MIN, MAX_EXCLUSIVE);
    }

    /** Reproducible sequence for tests; not thread-safe. */
    static SsrcGenerator seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> random.nextLong(MIN, MAX_EXCLUSIVE);
    }
}
