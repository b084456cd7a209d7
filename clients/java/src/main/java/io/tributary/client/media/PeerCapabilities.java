package io.tributary.client.media;

import io.tributary.worker.ortc.RtpCapabilities;
import io.tributary.worker.ortc.RtpCodecCapability;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The receive capabilities to pass to {@code transport.consume({rtpCapabilities})}: the router's
 * own, narrowed to what the peer can verify (Opus, VP8 and their RTX), as a device would load them.
 */
public final class PeerCapabilities {

    private static final Set<String> MEDIA = Set.of("audio/opus", "video/vp8");

    private PeerCapabilities() {
    }

    public static RtpCapabilities from(RtpCapabilities router) {
        List<RtpCodecCapability> media = router.codecsOrEmpty().stream()
                .filter(c -> MEDIA.contains(c.mimeType().toLowerCase(Locale.ROOT)))
                .toList();
        Set<Integer> mediaTypes = media.stream()
                .map(RtpCodecCapability::preferredPayloadType)
                .collect(Collectors.toSet());
        List<RtpCodecCapability> codecs = router.codecsOrEmpty().stream()
                .filter(c -> media.contains(c) || isRtxFor(c, mediaTypes))
                .toList();
        return new RtpCapabilities(codecs, router.headerExtensionsOrEmpty());
    }

    private static boolean isRtxFor(RtpCodecCapability codec, Set<Integer> payloadTypes) {
        if (!codec.mimeType().toLowerCase(Locale.ROOT).endsWith("/rtx") || codec.parameters() == null) {
            return false;
        }
        return codec.parameters().get("apt") instanceof Number apt && payloadTypes.contains(apt.intValue());
    }
}
