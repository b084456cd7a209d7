package io.tributary.worker.producer;

import com.fasterxml.jackson.annotation.JsonValue;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.RtpParametersDump;
import io.tributary.worker.ortc.ScalabilityMode;
import java.util.Locale;

/** mediasoup's producer types; a producer is never of type 'pipe'. */
public enum ProducerType {
    SIMPLE, SIMULCAST, SVC;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The worker's rule: several encodings are simulcast, which only VP8 and H264 can be; one layered
     * encoding is SVC for VP9 and H264-SVC, simulcast (temporal layers only) for VP8 and H264; one plain
     * encoding is simple.
     */
    public static ProducerType of(RtpParameters params) {
        if (params.encodingsOrEmpty().size() > 1) {
            String mimeType = RtpParametersDump.canonicalMimeType(params.codecsOrEmpty().get(0).mimeType());
            if (!mimeType.equals("video/VP8") && !mimeType.equals("video/H264")) {
                throw new TypeError(mimeType + " codec not supported for simulcast");
            }
            return SIMULCAST;
        }
        String modeText = params.encodingsOrEmpty().isEmpty() ? null : params.encodingsOrEmpty().get(0).scalabilityMode();
        ScalabilityMode mode = ScalabilityMode.parse(modeText);
        if (mode.spatialLayers() == 1 && mode.temporalLayers() == 1) {
            return SIMPLE;
        }
        RtpCodecParameters media = params.codecsOrEmpty().get(0);
        String mime = media.mimeType().toLowerCase(Locale.ROOT);
        return switch (mime) {
            case "video/vp9", "video/h264-svc" -> SVC;
            case "video/vp8", "video/h264" -> SIMULCAST;
            default -> throw new TypeError("invalid RTP parameters");
        };
    }
}
