package io.tributary.worker.router;

import io.tributary.worker.ortc.RtpCodecCapability;
import java.util.List;
import java.util.Map;

/** Options of {@code worker.createRouter}: the media codecs the router will support. */
public record RouterOptions(List<RtpCodecCapability> mediaCodecs, Map<String, Object> appData) {

    public RouterOptions {
        mediaCodecs = mediaCodecs == null ? List.of() : List.copyOf(mediaCodecs);
        appData = appData == null ? Map.of() : appData;
    }

    public static RouterOptions of(List<RtpCodecCapability> mediaCodecs) {
        return new RouterOptions(mediaCodecs, null);
    }
}
