package io.tributary.worker.trace;

import io.tributary.worker.rtp.RtpPacket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The packet summary an 'rtp' or 'keyframe' trace carries (a subset of mediasoup's packet dump). */
public final class RtpPacketTrace {

    private RtpPacketTrace() {}

    public static Map<String, Object> info(RtpPacket packet, boolean keyFrame, boolean rtx) {
        Map<String, Object> rtp = new LinkedHashMap<>();
        rtp.put("payloadType", packet.payloadType());
        rtp.put("sequenceNumber", packet.sequenceNumber());
        rtp.put("timestamp", packet.timestamp());
        rtp.put("marker", packet.marker());
        rtp.put("ssrc", Integer.toUnsignedLong(packet.ssrc()));
        rtp.put("isKeyFrame", keyFrame);
        rtp.put("size", packet.length());
        rtp.put("payloadSize", packet.payloadLength());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("rtpPacket", rtp);
        info.put("isRtx", rtx);
        return info;
    }
}
