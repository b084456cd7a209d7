package io.tributary.worker.transport;

import io.tributary.worker.errors.TypeError;
import java.util.Map;

/**
 * A transport's configured bitrate limits, with the worker's rules: each is 0 (unlimited) or at
 * least 30000 bps, and the outgoing min never exceeds the outgoing max.
 */
final class BitrateLimits {

    static final long MIN_BITRATE = 30_000;

    private long maxIncoming;
    private long maxOutgoing;
    private long minOutgoing;

    long maxIncoming() {
        return maxIncoming;
    }

    void setMaxIncoming(long bitrate) {
        checkRange(bitrate);
        maxIncoming = bitrate;
    }

    void setMaxOutgoing(long bitrate) {
        checkRange(bitrate);
        if (bitrate > 0 && minOutgoing > 0 && bitrate < minOutgoing) {
            throw new TypeError("bitrate must be >= current min outgoing bitrate (" + minOutgoing + ") or 0 (unlimited)");
        }
        maxOutgoing = bitrate;
    }

    void setMinOutgoing(long bitrate) {
        checkRange(bitrate);
        if (bitrate > 0 && maxOutgoing > 0 && bitrate > maxOutgoing) {
            throw new TypeError("bitrate must be <= current max outgoing bitrate (" + maxOutgoing + ") or 0 (unlimited)");
        }
        minOutgoing = bitrate;
    }

    /** The stats fields mediasoup includes only when set. */
    void fillStats(Map<String, Object> stats) {
        if (maxIncoming != 0) {
            stats.put("maxIncomingBitrate", maxIncoming);
        }
        if (maxOutgoing != 0) {
            stats.put("maxOutgoingBitrate", maxOutgoing);
        }
        if (minOutgoing != 0) {
            stats.put("minOutgoingBitrate", minOutgoing);
        }
    }

    private static void checkRange(long bitrate) {
        if (bitrate < 0 || bitrate > 0xFFFFFFFFL || (bitrate > 0 && bitrate < MIN_BITRATE)) {
            throw new TypeError("bitrate must be >= " + MIN_BITRATE + " or 0 (unlimited)");
        }
    }
}
