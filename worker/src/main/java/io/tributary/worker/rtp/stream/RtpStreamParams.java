package io.tributary.worker.rtp.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.worker.ortc.MediaKind;

/**
 * What a stream knows of its encoding, shaped as mediasoup's {@code RtpStreamParameters} (the
 * {@code params} of a stream dump). SSRCs are unsigned 32-bit values held in longs; a null
 * {@code rtxSsrc} means no RTX; an empty {@code rid} is none. Layer counts are at least 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpStreamParams(
        int encodingIdx,
        long ssrc,
        int payloadType,
        String mimeType,
        int clockRate,
        String rid,
        String cname,
        Long rtxSsrc,
        Integer rtxPayloadType,
        boolean useNack,
        boolean usePli,
        boolean useFir,
        boolean useInBandFec,
        boolean useDtx,
        int spatialLayers,
        int temporalLayers) {

    public RtpStreamParams {
        if (mimeType == null || mimeType.indexOf('/') < 0) {
            throw new IllegalArgumentException("mimeType must be type/subtype: " + mimeType);
        }
        if ((rtxSsrc == null) != (rtxPayloadType == null)) {
            throw new IllegalArgumentException("rtxSsrc and rtxPayloadType go together");
        }
        ssrc &= 0xFFFF_FFFFL;
        rid = rid == null || rid.isEmpty() ? null : rid;
        rtxSsrc = rtxSsrc == null ? null : rtxSsrc & 0xFFFF_FFFFL;
        spatialLayers = Math.max(1, spatialLayers);
        temporalLayers = Math.max(1, temporalLayers);
    }

    public boolean hasRtx() {
        return rtxSsrc != null;
    }

    /** 'audio' or 'video', from the MIME type. */
    public MediaKind kind() {
        return mimeType.regionMatches(true, 0, "audio/", 0, 6) ? MediaKind.AUDIO : MediaKind.VIDEO;
    }

    /** The RTX stream's MIME type, e.g. {@code video/rtx}. */
    public String rtxMimeType() {
        return mimeType.substring(0, mimeType.indexOf('/')) + "/rtx";
    }
}
