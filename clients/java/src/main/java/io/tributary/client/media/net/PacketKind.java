package io.tributary.client.media.net;

import io.tributary.worker.dtls.DtlsTransport;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.rtcp.RtcpPacketType;

/** RFC 7983 demultiplexing of what arrives on one ICE tuple, with RTCP told apart by RFC 5761. */
public enum PacketKind {
    STUN,
    DTLS,
    RTP,
    RTCP,
    UNKNOWN;

    public static PacketKind classify(byte[] buf, int off, int len) {
        if (len < 2) {
            return UNKNOWN;
        }
        int first = buf[off] & 0xFF;
        if (first <= 3) {
            return StunMessage.isStun(buf, off, len) ? STUN : UNKNOWN;
        }
        if (first >= 20 && first <= 63) {
            return DtlsTransport.isDtls(buf, off, len) ? DTLS : UNKNOWN;
        }
        if (first >= 128 && first <= 191) {
            return RtcpPacketType.isRtcp(buf[off + 1] & 0xFF) ? RTCP : RTP;
        }
        return UNKNOWN;
    }
}
