package io.tributary.client.media.send;

/**
 * A synthetic Opus stream: 48 kHz timestamps, one packet per {@code ptimeMs}.
 *
 * @param payloadBytes RTP payload size: TOC byte plus the synthetic body (80 ≈ 32 kbit/s at 20 ms)
 */
public record OpusOptions(String mid, long ssrc, int payloadType, HeaderExtensionIds extensions, int ptimeMs,
                          int payloadBytes) {

    public static final int DEFAULT_PAYLOAD_TYPE = 100;

    public OpusOptions {
        if (ptimeMs < 10 || ptimeMs > 120 || payloadBytes < 1 + io.tributary.client.media.SyntheticPayload.MIN_LENGTH
                || payloadBytes > 1200 || ssrc <= 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invalid Opus options " + this);
        }
    }

    /** 20 ms packets of 80 bytes with PT 100 and the router's extension ids. */
    public static OpusOptions of(String mid, long ssrc) {
        return new OpusOptions(mid, ssrc, DEFAULT_PAYLOAD_TYPE, HeaderExtensionIds.defaults(), 20, 80);
    }

    public OpusOptions withPayloadType(int pt) {
        return new OpusOptions(mid, ssrc, pt, extensions, ptimeMs, payloadBytes);
    }

    public OpusOptions withExtensions(HeaderExtensionIds ids) {
        return new OpusOptions(mid, ssrc, payloadType, ids, ptimeMs, payloadBytes);
    }

    public OpusOptions withPayloadBytes(int bytes) {
        return new OpusOptions(mid, ssrc, payloadType, extensions, ptimeMs, bytes);
    }
}
