package io.tributary.worker.ortc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RTP parameters as mediasoup's worker reports them in {@code producer.dump()} and
 * {@code consumer.dump()}: MIME types in their canonical case ({@code video/H264} for
 * {@code video/h264}), RTCP feedback without empty parameters ({@code {type: 'nack'}}), and every
 * encoding with its {@code codecPayloadType} (the first media codec's by default) and {@code dtx}.
 */
public final class RtpParametersDump {

    private RtpParametersDump() {
    }

    public static RtpParameters of(RtpParameters params) {
        List<RtpCodecParameters> codecs = new ArrayList<>();
        Integer firstMediaPayloadType = null;
        for (RtpCodecParameters codec : params.codecsOrEmpty()) {
            List<RtcpFeedback> feedback = new ArrayList<>();
            if (codec.rtcpFeedback() != null) {
                for (RtcpFeedback fb : codec.rtcpFeedback()) {
                    feedback.add(fb.hasParameter() ? fb : new RtcpFeedback(fb.type(), null));
                }
            }
            codecs.add(new RtpCodecParameters(canonicalMimeType(codec.mimeType()), codec.payloadType(),
                    codec.clockRate(), codec.channels(), codec.parameters(), feedback));
            if (firstMediaPayloadType == null && isMediaCodec(codec.mimeType())) {
                firstMediaPayloadType = codec.payloadType();
            }
        }
        List<RtpEncodingParameters> encodings = new ArrayList<>();
        for (RtpEncodingParameters encoding : params.encodingsOrEmpty()) {
            RtpEncodingParameters.Builder builder = encoding.toBuilder();
            if (encoding.codecPayloadType() == null) {
                builder.codecPayloadType(firstMediaPayloadType);
            }
            if (encoding.dtx() == null) {
                builder.dtx(false);
            }
            encodings.add(builder.build());
        }
        return new RtpParameters(params.mid(), codecs, params.headerExtensions(), encodings, params.rtcp());
    }

    /** The worker's payload types of media codecs (not RTX, RED or FEC), ascending. */
    public static List<Integer> mediaPayloadTypes(RtpParameters params) {
        return params.codecsOrEmpty().stream()
                .filter(codec -> isMediaCodec(codec.mimeType()))
                .map(RtpCodecParameters::payloadType)
                .sorted()
                .distinct()
                .toList();
    }

    static boolean isMediaCodec(String mimeType) {
        String subtype = mimeType.substring(mimeType.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        return switch (subtype) {
            case "rtx", "ulpfec", "flexfec", "x-ulpfec", "red" -> false;
            default -> true;
        };
    }

    /** The spelling of mediasoup's supported codec with this MIME type, ignoring case; else as given. */
    public static String canonicalMimeType(String mimeType) {
        for (RtpCodecCapability codec : SupportedRtpCapabilities.CAPABILITIES.codecsOrEmpty()) {
            if (codec.mimeType().equalsIgnoreCase(mimeType)) {
                return codec.mimeType();
            }
        }
        return mimeType.toLowerCase(Locale.ROOT).endsWith("/rtx") ? mimeType.toLowerCase(Locale.ROOT) : mimeType;
    }
}
