package io.tributary.worker.transport;

import io.netty.util.collection.IntObjectHashMap;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.rtcp.FirPacket;
import io.tributary.worker.rtcp.PliPacket;
import io.tributary.worker.rtcp.RtcpCompoundIterator;
import io.tributary.worker.rtcp.RtcpPacketType;

/**
 * Terminates the RTCP a transport receives (the SFU never forwards RTCP): key-frame requests go to the
 * consumer whose SSRC they name, which asks its producer. SR, RR, SDES, BYE, APP and the rest are consumed.
 */
final class RtcpReceiver {

    private final IntObjectHashMap<Consumer> consumersBySsrc;
    private final RtcpCompoundIterator iterator = new RtcpCompoundIterator();
    private final PliPacket pli = new PliPacket();
    private final FirPacket fir = new FirPacket();

    RtcpReceiver(IntObjectHashMap<Consumer> consumersBySsrc) {
        this.consumersBySsrc = consumersBySsrc;
    }

    /** False when the compound packet was malformed (what came before the fault is still handled). */
    boolean receive(byte[] buf, int off, int len, long nowMs) {
        if (!iterator.wrap(buf, off, len)) {
            return false;
        }
        while (iterator.next()) {
            if (iterator.packetType() == RtcpPacketType.PSFB) {
                onPayloadFeedback(nowMs);
            }
        }
        return !iterator.isMalformed();
    }

    private void onPayloadFeedback(long nowMs) {
        int fmt = iterator.count();
        if (fmt == RtcpPacketType.FMT_PLI && pli.wrap(iterator.buffer(), iterator.offset(), iterator.length())) {
            Consumer consumer = consumersBySsrc.get(pli.mediaSsrc());
            if (consumer != null) {
                consumer.receiveKeyFrameRequest(nowMs);
            }
        } else if (fmt == RtcpPacketType.FMT_FIR && fir.wrap(iterator.buffer(), iterator.offset(), iterator.length())) {
            for (int i = 0; i < fir.entryCount(); i++) {
                Consumer consumer = consumersBySsrc.get(fir.entrySsrc(i));
                if (consumer != null) {
                    consumer.receiveKeyFrameRequest(nowMs);
                }
            }
        }
    }
}
