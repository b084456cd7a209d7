package io.tributary.worker.rtp.stream;

import com.fasterxml.jackson.annotation.JsonInclude;

/** mediasoup's {@code RtpStreamDump}: a stream's params, score and RTX stream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpStreamDump(RtpStreamParams params, int score, RtxStreamDump rtxStream) {

    /** mediasoup's {@code RtxStreamDump}. */
    public record RtxStreamDump(RtxStreamParams params) {
    }

    /** mediasoup's {@code RtxStreamParameters}; {@code rrid} is the RID the RTX stream repairs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RtxStreamParams(long ssrc, int payloadType, String mimeType, int clockRate, String rrid,
                                  String cname) {
    }

    static RtpStreamDump of(RtpStreamParams params, int score) {
        RtxStreamDump rtx = params.hasRtx()
                ? new RtxStreamDump(new RtxStreamParams(params.rtxSsrc(), params.rtxPayloadType(),
                        params.rtxMimeType(), params.clockRate(), params.rid(), params.cname()))
                : null;
        return new RtpStreamDump(params, score, rtx);
    }
}
