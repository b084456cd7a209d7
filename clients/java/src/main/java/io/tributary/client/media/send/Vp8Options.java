package io.tributary.client.media.send;

import java.util.List;

/**
 * A synthetic VP8 source: one encoding, or several (simulcast) sharing one frame clock.
 *
 * @param rtxPayloadType     0 without RTX
 * @param keyFrameIntervalMs a key frame on every encoding this often; 0 for only the first and requested ones
 * @param maxPayloadBytes    RTP payload size above which a frame is split over more packets
 */
public record Vp8Options(String mid, int payloadType, int rtxPayloadType, HeaderExtensionIds extensions, int fps,
                         long keyFrameIntervalMs, int maxPayloadBytes, List<Vp8Layer> layers) {

    public static final int DEFAULT_PAYLOAD_TYPE = 101;
    public static final int DEFAULT_RTX_PAYLOAD_TYPE = 102;

    public Vp8Options {
        layers = List.copyOf(layers);
        if (fps < 1 || fps > 120 || keyFrameIntervalMs < 0 || maxPayloadBytes < 100 || maxPayloadBytes > 1200
                || layers.isEmpty()) {
            throw new IllegalArgumentException("invalid VP8 options " + this);
        }
    }

    /** One 640x360 encoding at 500 kbit/s, 30 fps, RTX, a key frame every 3 s. */
    public static Vp8Options single(String mid, long ssrc, long rtxSsrc) {
        return new Vp8Options(mid, DEFAULT_PAYLOAD_TYPE, DEFAULT_RTX_PAYLOAD_TYPE, HeaderExtensionIds.defaults(), 30,
                3000, 1100, List.of(new Vp8Layer(ssrc, rtxSsrc, null, 640, 360, 500_000)));
    }

    /**
     * Three RID-tagged encodings r0 (320x180, 150 kbit/s), r1 (640x360, 500 kbit/s), r2 (1280x720,
     * 1.2 Mbit/s): media SSRCs {@code firstSsrc}, +1, +2 and RTX SSRCs +3, +4, +5.
     */
    public static Vp8Options simulcast(String mid, long firstSsrc) {
        return new Vp8Options(mid, DEFAULT_PAYLOAD_TYPE, DEFAULT_RTX_PAYLOAD_TYPE, HeaderExtensionIds.defaults(), 30,
                3000, 1100, List.of(
                        new Vp8Layer(firstSsrc, firstSsrc + 3, "r0", 320, 180, 150_000),
                        new Vp8Layer(firstSsrc + 1, firstSsrc + 4, "r1", 640, 360, 500_000),
                        new Vp8Layer(firstSsrc + 2, firstSsrc + 5, "r2", 1280, 720, 1_200_000)));
    }

    public Vp8Options withFps(int newFps) {
        return new Vp8Options(mid, payloadType, rtxPayloadType, extensions, newFps, keyFrameIntervalMs,
                maxPayloadBytes, layers);
    }

    public Vp8Options withKeyFrameInterval(long ms) {
        return new Vp8Options(mid, payloadType, rtxPayloadType, extensions, fps, ms, maxPayloadBytes, layers);
    }

    public Vp8Options withExtensions(HeaderExtensionIds ids) {
        return new Vp8Options(mid, payloadType, rtxPayloadType, ids, fps, keyFrameIntervalMs, maxPayloadBytes, layers);
    }

    /** Without RTX: NACKed packets are resent on the media SSRC. */
    public Vp8Options withoutRtx() {
        List<Vp8Layer> plain = layers.stream()
                .map(l -> new Vp8Layer(l.ssrc(), 0, l.rid(), l.width(), l.height(), l.bitrateBps()))
                .toList();
        return new Vp8Options(mid, payloadType, 0, extensions, fps, keyFrameIntervalMs, maxPayloadBytes, plain);
    }

    public boolean hasRids() {
        return layers.stream().anyMatch(l -> l.rid() != null);
    }
}
