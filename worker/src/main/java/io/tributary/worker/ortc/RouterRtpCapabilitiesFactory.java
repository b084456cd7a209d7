package io.tributary.worker.ortc;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/** mediasoup's {@code generateRouterRtpCapabilities}: a router's caps from its configured media codecs. */
final class RouterRtpCapabilitiesFactory {

    private RouterRtpCapabilitiesFactory() {}

    /** Dynamic payload types in allocation order: 100..127 first, then 96..99. */
    private static List<Integer> dynamicPayloadTypes() {
        List<Integer> pool = new LinkedList<>();
        for (int pt = 100; pt <= 127; pt++) {
            pool.add(pt);
        }
        for (int pt = 96; pt <= 99; pt++) {
            pool.add(pt);
        }
        return pool;
    }

    /** From raw JSON ({@code mediaCodecs} of router options); a missing node means no codecs. */
    static RtpCapabilities generate(JsonNode mediaCodecs) {
        if (mediaCodecs == null || mediaCodecs.isMissingNode()) {
            return generate(List.of());
        }
        if (!mediaCodecs.isArray()) {
            throw new TypeError("mediaCodecs must be an Array");
        }
        List<JsonNode> codecs = new ArrayList<>();
        mediaCodecs.forEach(codecs::add);
        return build(codecs);
    }

    static RtpCapabilities generate(List<RtpCodecCapability> mediaCodecs) {
        List<JsonNode> codecs = new ArrayList<>();
        if (mediaCodecs != null) {
            mediaCodecs.forEach(codec -> codecs.add(JsValues.MAPPER.valueToTree(codec)));
        }
        return build(codecs);
    }

    /** Codecs are validated one at a time, so errors surface in mediasoup's order. */
    private static RtpCapabilities build(List<JsonNode> mediaCodecs) {
        RtpCapabilities supported = SupportedRtpCapabilities.CAPABILITIES;
        List<Integer> pool = dynamicPayloadTypes();
        List<RtpCodecCapability> codecs = new ArrayList<>();
        for (JsonNode node : mediaCodecs) {
            RtpCodecCapability mediaCodec = RtpCapabilitiesValidator.validateCodec(node);
            RtpCodecCapability supportedCodec = supported.codecs().stream()
                    .filter(candidate -> CodecMatcher.matches(mediaCodec, candidate, false))
                    .findFirst()
                    .orElseThrow(() -> new UnsupportedError(
                            "media codec not supported [mimeType:" + mediaCodec.mimeType() + "]"));
            int payloadType;
            if (mediaCodec.preferredPayloadType() != null) {
                payloadType = mediaCodec.preferredPayloadType();
                pool.remove(Integer.valueOf(payloadType));
            } else if (supportedCodec.preferredPayloadType() != null) {
                payloadType = supportedCodec.preferredPayloadType();
            } else {
                payloadType = takeDynamic(pool);
            }
            int chosen = payloadType;
            if (codecs.stream().anyMatch(c -> c.preferredPayloadType() == chosen)) {
                throw new TypeError("duplicated codec.preferredPayloadType");
            }
            RtpCodecCapability codec = supportedCodec
                    .withPreferredPayloadType(payloadType)
                    .withParameters(supportedCodec.parameters().merge(mediaCodec.parameters()));
            codecs.add(codec);
            if (codec.kind() == MediaKind.VIDEO) {
                codecs.add(new RtpCodecCapability(
                        MediaKind.VIDEO,
                        "video/rtx",
                        takeDynamic(pool),
                        codec.clockRate(),
                        null,
                        ParameterMap.of("apt", payloadType),
                        List.of()));
            }
        }
        return new RtpCapabilities(codecs, supported.headerExtensions());
    }

    private static int takeDynamic(List<Integer> pool) {
        if (pool.isEmpty()) {
            throw new MediasoupError("cannot allocate more dynamic codec payload types");
        }
        return pool.remove(0);
    }
}
