package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.SupportedRtpCapabilities.ABS_SEND_TIME;
import static io.tributary.worker.ortc.SupportedRtpCapabilities.MID;
import static io.tributary.worker.ortc.SupportedRtpCapabilities.TRANSPORT_WIDE_CC_01;

import io.tributary.worker.errors.UnsupportedError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Consumer side of the router: mediasoup's {@code canConsume}, {@code getConsumerRtpParameters}
 * and {@code getPipeConsumerRtpParameters}, all derived from a producer's consumable parameters.
 */
final class ConsumerRtpParametersFactory {

    private ConsumerRtpParametersFactory() {}

    /** True when the (validated) caps strictly match a consumable codec and the first match is media. */
    static boolean canConsume(RtpParameters consumable, RtpCapabilities caps) {
        List<RtpCodecParameters> matching = consumable.codecsOrEmpty().stream()
                .filter(codec -> caps.codecsOrEmpty().stream().anyMatch(cap -> CodecMatcher.matches(cap, codec, true)))
                .toList();
        return !matching.isEmpty() && !matching.get(0).isRtx();
    }

    /** Parameters for a consumer whose endpoint has the given (validated) capabilities. */
    static RtpParameters consumer(
            RtpParameters consumable, RtpCapabilities remoteCaps, boolean pipe, boolean enableRtx, SsrcGenerator ssrcs) {
        List<RtpCodecParameters> codecs = new ArrayList<>();
        for (RtpCodecParameters codec : consumable.codecsOrEmpty()) {
            if (!enableRtx && codec.isRtx()) {
                continue;
            }
            remoteCaps.codecsOrEmpty().stream()
                    .filter(cap -> CodecMatcher.matches(cap, codec, true))
                    .findFirst()
                    .ifPresent(cap -> codecs.add(codec.withRtcpFeedback(cap.rtcpFeedbackOrEmpty().stream()
                            .filter(fb -> enableRtx || !fb.type().equals("nack") || fb.hasParameter())
                            .toList())));
        }

        boolean rtxSupported = false;
        for (int idx = codecs.size() - 1; idx >= 0; idx--) {
            RtpCodecParameters codec = codecs.get(idx);
            if (!codec.isRtx()) {
                continue;
            }
            Object apt = codec.parametersOrEmpty().get("apt");
            if (codecs.stream().anyMatch(media -> Objects.equals(media.payloadType(), apt))) {
                rtxSupported = true;
            } else {
                codecs.remove(idx);
            }
        }
        if (codecs.isEmpty() || codecs.get(0).isRtx()) {
            throw new UnsupportedError("no compatible media codecs");
        }

        List<RtpHeaderExtensionParameters> exts = consumable.headerExtensionsOrEmpty().stream()
                .filter(ext -> remoteCaps.headerExtensionsOrEmpty().stream()
                        .anyMatch(cap -> cap.preferredId() == ext.id() && Objects.equals(cap.uri(), ext.uri())))
                .toList();
        List<RtpCodecParameters> prunedCodecs = pruneBweFeedback(codecs, exts);

        List<RtpEncodingParameters> encodings = pipe
                ? renumber(consumable.encodingsOrEmpty(), rtxSupported, ssrcs)
                : List.of(singleEncoding(consumable.encodingsOrEmpty(), rtxSupported, ssrcs));
        return new RtpParameters(null, prunedCodecs, exts, encodings, consumable.rtcp());
    }

    /** Pipe consumers keep every codec and encoding, without BWE or transport-level extensions. */
    static RtpParameters pipeConsumer(RtpParameters consumable, boolean enableRtx, SsrcGenerator ssrcs) {
        List<RtpCodecParameters> codecs = new ArrayList<>();
        for (RtpCodecParameters codec : consumable.codecsOrEmpty()) {
            if (!enableRtx && codec.isRtx()) {
                continue;
            }
            codecs.add(codec.withRtcpFeedback(codec.rtcpFeedbackOrEmpty().stream()
                    .filter(fb -> isFeedback(fb, "nack", "pli")
                            || isFeedback(fb, "ccm", "fir")
                            || (enableRtx && fb.type().equals("nack") && !fb.hasParameter()))
                    .toList()));
        }
        List<RtpHeaderExtensionParameters> exts = consumable.headerExtensionsOrEmpty().stream()
                .filter(ext -> !ext.uri().equals(MID)
                        && !ext.uri().equals(ABS_SEND_TIME)
                        && !ext.uri().equals(TRANSPORT_WIDE_CC_01))
                .toList();
        return new RtpParameters(
                null, codecs, exts, renumber(consumable.encodingsOrEmpty(), enableRtx, ssrcs), consumable.rtcp());
    }

    /** The BWE the consumer will use decides the feedback: transport-cc, else REMB, else neither. */
    private static List<RtpCodecParameters> pruneBweFeedback(
            List<RtpCodecParameters> codecs, List<RtpHeaderExtensionParameters> exts) {
        Predicate<RtcpFeedback> drop;
        if (exts.stream().anyMatch(ext -> ext.uri().equals(TRANSPORT_WIDE_CC_01))) {
            drop = fb -> fb.type().equals("goog-remb");
        } else if (exts.stream().anyMatch(ext -> ext.uri().equals(ABS_SEND_TIME))) {
            drop = fb -> fb.type().equals("transport-cc");
        } else {
            drop = fb -> fb.type().equals("transport-cc") || fb.type().equals("goog-remb");
        }
        return codecs.stream()
                .map(codec -> codec.withRtcpFeedback(
                        codec.rtcpFeedbackOrEmpty().stream().filter(drop.negate()).toList()))
                .toList();
    }

    /**
     * The one stream a regular consumer receives. Simulcast becomes spatial layers: N encodings of
     * LxTy are announced as "L{N}T{y}".
     */
    private static RtpEncodingParameters singleEncoding(
            List<RtpEncodingParameters> encodings, boolean rtxSupported, SsrcGenerator ssrcs) {
        long ssrc = ssrcs.next();
        RtpEncodingParameters.Builder out = RtpEncodingParameters.builder().ssrc(ssrc);
        if (rtxSupported) {
            out.rtxSsrc(ssrc + 1);
        }
        String scalabilityMode = encodings.stream()
                .map(RtpEncodingParameters::scalabilityMode)
                .filter(mode -> mode != null && !mode.isEmpty())
                .findFirst()
                .orElse(null);
        if (encodings.size() > 1) {
            scalabilityMode = "L" + encodings.size() + "T" + ScalabilityMode.parse(scalabilityMode).temporalLayers();
        }
        out.scalabilityMode(scalabilityMode);
        long maxBitrate = encodings.stream()
                .map(RtpEncodingParameters::maxBitrate)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        if (maxBitrate > 0) {
            out.maxBitrate(maxBitrate);
        }
        return out.build();
    }

    /** Every encoding with fresh SSRCs: base + i, and an independent RTX base + i when RTX is on. */
    private static List<RtpEncodingParameters> renumber(
            List<RtpEncodingParameters> encodings, boolean withRtx, SsrcGenerator ssrcs) {
        long base = ssrcs.next();
        long rtxBase = ssrcs.next();
        List<RtpEncodingParameters> out = new ArrayList<>();
        for (int i = 0; i < encodings.size(); i++) {
            out.add(encodings.get(i).toBuilder()
                    .ssrc(base + i)
                    .rtx(withRtx ? new RtpEncodingRtx(rtxBase + i) : null)
                    .build());
        }
        return out;
    }

    private static boolean isFeedback(RtcpFeedback fb, String type, String parameter) {
        return fb.type().equals(type) && parameter.equals(fb.parameter());
    }
}
