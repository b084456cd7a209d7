package io.tributary.client.media.receive;

import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpParameters;
import java.util.Locale;

/**
 * A stream the peer is told to expect, so it can decode RTX and find the synthetic body.
 *
 * @param rtxSsrc 0 without RTX
 */
public record ExpectedStream(long ssrc, int payloadType, MediaCodec codec, long rtxSsrc, int rtxPayloadType) {

    public static ExpectedStream of(long ssrc, int payloadType, MediaCodec codec) {
        return new ExpectedStream(ssrc, payloadType, codec, 0, 0);
    }

    public ExpectedStream withRtx(long ssrc, int payloadType) {
        return new ExpectedStream(this.ssrc, this.payloadType, codec, ssrc, payloadType);
    }

    /**
     * What a mediasoup consumer's {@code rtpParameters} describe: the media codec (the first that is
     * not rtx, red or ulpfec), the SSRC of the single encoding and its RTX.
     */
    public static ExpectedStream fromConsumer(RtpParameters parameters) {
        RtpCodecParameters media = parameters.codecsOrEmpty().stream()
                .filter(c -> !isRepairCodec(c.mimeType()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("consumer parameters have no media codec"));
        if (parameters.encodingsOrEmpty().isEmpty() || parameters.encodingsOrEmpty().get(0).ssrc() == null) {
            throw new IllegalArgumentException("consumer parameters have no encoding SSRC");
        }
        RtpEncodingParameters encoding = parameters.encodingsOrEmpty().get(0);
        ExpectedStream expected = of(encoding.ssrc(), media.payloadType(), MediaCodec.fromMimeType(media.mimeType()));
        if (encoding.rtx() == null) {
            return expected;
        }
        int rtxPayloadType = parameters.codecsOrEmpty().stream()
                .filter(c -> c.mimeType().toLowerCase(Locale.ROOT).endsWith("/rtx") && c.parameters() != null
                        && Integer.valueOf(media.payloadType()).equals(asInteger(c.parameters().get("apt"))))
                .mapToInt(RtpCodecParameters::payloadType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("consumer has an RTX SSRC but no rtx codec"));
        return expected.withRtx(encoding.rtx().ssrc(), rtxPayloadType);
    }

    private static boolean isRepairCodec(String mimeType) {
        String lower = mimeType.toLowerCase(Locale.ROOT);
        return lower.endsWith("/rtx") || lower.endsWith("/red") || lower.endsWith("/ulpfec");
    }

    private static Integer asInteger(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
