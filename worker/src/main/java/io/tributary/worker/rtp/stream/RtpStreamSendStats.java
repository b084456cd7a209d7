package io.tributary.worker.rtp.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.tributary.worker.ortc.JsNumber;
import io.tributary.worker.ortc.MediaKind;

/** mediasoup's {@code RtpStreamSendStats} (a consumer's {@code outbound-rtp} entry), fields in mediasoup's order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpStreamSendStats(
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
        long byteCount,
        long packetCount,
        long bitrate) {

    public static final String TYPE = "outbound-rtp";
}
