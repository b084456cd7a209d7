package io.tributary.worker.rtp.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.tributary.worker.ortc.JsNumber;
import io.tributary.worker.ortc.MediaKind;
import java.util.Map;

/**
 * mediasoup's {@code RtpStreamRecvStats} (a producer's {@code getStats()} entry), fields in
 * mediasoup's order. {@code roundTripTime} is a single-precision value printed as JavaScript
 * prints it; {@code bitrateByLayer} maps {@code "spatial.temporal"} to bits per second.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpStreamRecvStats(
        long timestamp,
        long ssrc,
        Long rtxSsrc,
        String rid,
        MediaKind kind,
        String mimeType,
        long packetsLost,
        int fractionLost,
        long packetsDiscarded,
        long packetsRetransmitted,
        long packetsRepaired,
        long nackCount,
        long nackPacketCount,
        long pliCount,
        long firCount,
        int score,
        @JsonSerialize(using = JsNumber.Serializer.class) double roundTripTime,
        Long rtxPacketsDiscarded,
        String type,
        long jitter,
        long byteCount,
        long packetCount,
        long bitrate,
        Map<String, Long> bitrateByLayer) {

    public static final String TYPE = "inbound-rtp";
}
