package io.tributary.client.media.receive;

import java.util.Locale;

/** The codecs whose payloads a receiver understands well enough to find the synthetic body in. */
public enum MediaCodec {
    OPUS("audio/opus", 48_000),
    VP8("video/VP8", 90_000),
    /** Anything else: sequence and timing statistics only. */
    OTHER(null, 90_000);

    private final String mimeType;
    private final int clockRate;

    MediaCodec(String mimeType, int clockRate) {
        this.mimeType = mimeType;
        this.clockRate = clockRate;
    }

    public static MediaCodec fromMimeType(String mimeType) {
        String lower = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        for (MediaCodec codec : values()) {
            if (codec.mimeType != null && codec.mimeType.toLowerCase(Locale.ROOT).equals(lower)) {
                return codec;
            }
        }
        return OTHER;
    }

    public int clockRate() {
        return clockRate;
    }
}
