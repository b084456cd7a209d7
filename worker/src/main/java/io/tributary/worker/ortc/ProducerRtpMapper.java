package io.tributary.worker.ortc;

import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Producer side of the router: mediasoup's {@code getProducerRtpParametersMapping} and
 * {@code getConsumableRtpParameters}. Inputs are expected to be validated, but missing lists
 * are tolerated.
 */
final class ProducerRtpMapper {

    private ProducerRtpMapper() {}

    static ProducerRtpMapping map(RtpParameters params, RtpCapabilities caps, SsrcGenerator ssrcs) {
        List<RtpCodecParameters> codecs = new ArrayList<>(params.codecsOrEmpty());
        List<RtpCodecCapability> capCodecs = caps.codecsOrEmpty();
        RtpCodecCapability[] matched = new RtpCodecCapability[codecs.size()];
        List<Integer> mappingOrder = new ArrayList<>();

        for (int i = 0; i < codecs.size(); i++) {
            RtpCodecParameters codec = codecs.get(i);
            if (codec.isRtx()) {
                continue;
            }
            matched[i] = capCodecs.stream()
                    .filter(capCodec -> CodecMatcher.matches(codec, capCodec, true))
                    .findFirst()
                    .orElseThrow(() -> new UnsupportedError("unsupported codec [mimeType:" + codec.mimeType()
                            + ", payloadType:" + codec.payloadType() + "]"));
            codecs.set(i, codec.withParameters(CodecMatcher.negotiate(codec, matched[i]).orElseThrow()));
            mappingOrder.add(i);
        }

        for (int i = 0; i < codecs.size(); i++) {
            RtpCodecParameters rtx = codecs.get(i);
            if (!rtx.isRtx()) {
                continue;
            }
            matched[i] = capRtxFor(rtx, codecs, matched, capCodecs);
            mappingOrder.add(i);
        }

        List<RtpMapping.CodecMapping> codecMappings = new ArrayList<>();
        for (int i : mappingOrder) {
            Integer mappedPt = matched[i].preferredPayloadType();
            if (mappedPt == null) {
                throw new TypeError("missing codec.preferredPayloadType in capabilities");
            }
            codecMappings.add(new RtpMapping.CodecMapping(codecs.get(i).payloadType(), mappedPt));
        }

        return new ProducerRtpMapping(
                params.withCodecs(params.codecs() == null ? null : codecs),
                new RtpMapping(codecMappings, encodingMappings(params.encodingsOrEmpty(), ssrcs)));
    }

    /** Encodings as the worker finds them (falsy ssrc, rid and mode count as absent) with consecutive mapped SSRCs. */
    private static List<RtpMapping.EncodingMapping> encodingMappings(
            List<RtpEncodingParameters> encodings, SsrcGenerator ssrcs) {
        List<RtpMapping.EncodingMapping> out = new ArrayList<>();
        long mappedSsrc = ssrcs.next();
        for (RtpEncodingParameters encoding : encodings) {
            out.add(new RtpMapping.EncodingMapping(
                    encoding.ssrc() != null && encoding.ssrc() != 0 ? encoding.ssrc() : null,
                    isTruthy(encoding.rid()) ? encoding.rid() : null,
                    isTruthy(encoding.scalabilityMode()) ? encoding.scalabilityMode() : null,
                    mappedSsrc++));
        }
        return out;
    }

    /** The router RTX codec for a producer RTX codec, found through its apt media codec. */
    private static RtpCodecCapability capRtxFor(
            RtpCodecParameters rtx,
            List<RtpCodecParameters> codecs,
            RtpCodecCapability[] matched,
            List<RtpCodecCapability> capCodecs) {
        Object apt = rtx.parametersOrEmpty().get("apt");
        int associated = -1;
        for (int j = 0; j < codecs.size() && associated < 0; j++) {
            if (Objects.equals(codecs.get(j).payloadType(), apt)) {
                associated = j;
            }
        }
        // An apt naming an RTX codec not mapped yet has no media codec either (mediasoup would crash here).
        if (associated < 0 || matched[associated] == null) {
            throw new TypeError("missing media codec found for RTX PT " + rtx.payloadType());
        }
        Integer capMediaPt = matched[associated].preferredPayloadType();
        return capCodecs.stream()
                .filter(c -> c.isRtx() && Objects.equals(c.parametersOrEmpty().get("apt"), capMediaPt))
                .findFirst()
                .orElseThrow(() -> new UnsupportedError("no RTX codec for capability codec PT " + capMediaPt));
    }

    /**
     * What consumers of this producer can get: router codecs and PTs (with the producer's codec
     * parameters), the router's sendable header extensions of this kind, and the producer's
     * encodings re-identified by their mapped SSRCs.
     */
    static RtpParameters consumable(MediaKind kind, RtpParameters params, RtpCapabilities caps, RtpMapping mapping) {
        List<RtpCodecParameters> codecs = new ArrayList<>();
        for (RtpCodecParameters codec : params.codecsOrEmpty()) {
            if (codec.isRtx()) {
                continue;
            }
            int mappedPt = mapping.codecs().stream()
                    .filter(m -> m.payloadType() == codec.payloadType())
                    .findFirst()
                    .orElseThrow(() -> new MediasoupError("no mapping for payload type " + codec.payloadType()))
                    .mappedPayloadType();
            RtpCodecCapability capCodec = caps.codecsOrEmpty().stream()
                    .filter(c -> Objects.equals(c.preferredPayloadType(), mappedPt))
                    .findFirst()
                    .orElseThrow(() -> new MediasoupError("no router codec with payload type " + mappedPt));
            codecs.add(new RtpCodecParameters(
                    capCodec.mimeType(),
                    mappedPt,
                    capCodec.clockRate(),
                    capCodec.channels(),
                    codec.parameters(),
                    capCodec.rtcpFeedback()));
            caps.codecsOrEmpty().stream()
                    .filter(c -> c.isRtx() && Objects.equals(c.parametersOrEmpty().get("apt"), mappedPt))
                    .findFirst()
                    .ifPresent(capRtx -> codecs.add(new RtpCodecParameters(
                            capRtx.mimeType(),
                            capRtx.preferredPayloadType(),
                            capRtx.clockRate(),
                            null,
                            capRtx.parameters(),
                            capRtx.rtcpFeedback())));
        }

        List<RtpHeaderExtensionParameters> exts = new ArrayList<>();
        for (RtpHeaderExtension capExt : caps.headerExtensionsOrEmpty()) {
            boolean sendable = capExt.direction() == RtpHeaderExtensionDirection.SENDRECV
                    || capExt.direction() == RtpHeaderExtensionDirection.SENDONLY;
            if (capExt.kind() == kind && sendable) {
                exts.add(new RtpHeaderExtensionParameters(
                        capExt.uri(), capExt.preferredId(), capExt.preferredEncrypt(), ParameterMap.EMPTY));
            }
        }

        List<RtpEncodingParameters> encodings = new ArrayList<>();
        List<RtpEncodingParameters> producerEncodings = params.encodingsOrEmpty();
        if (mapping.encodings().size() < producerEncodings.size()) {
            throw new MediasoupError("rtpMapping has fewer encodings than the RTP parameters");
        }
        for (int i = 0; i < producerEncodings.size(); i++) {
            encodings.add(producerEncodings.get(i).toBuilder()
                    .rid(null)
                    .rtx(null)
                    .codecPayloadType(null)
                    .ssrc(mapping.encodings().get(i).mappedSsrc())
                    .build());
        }

        String cname = params.rtcp() == null ? null : params.rtcp().cname();
        return new RtpParameters(null, codecs, exts, encodings, RtcpParameters.of(cname));
    }

    private static boolean isTruthy(String value) {
        return value != null && !value.isEmpty();
    }
}
