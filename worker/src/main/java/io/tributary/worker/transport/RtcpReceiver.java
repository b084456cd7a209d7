package io.tributary.worker.transport;

import io.netty.util.collection.IntObjectHashMap;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtcp.FirPacket;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.PliPacket;
import io.tributary.worker.rtcp.ReceiverReport;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundIterator;
import io.tributary.worker.rtcp.RtcpPacketType;
import io.tributary.worker.rtcp.SenderReport;
import java.util.function.IntFunction;

/**
 * Terminates the RTCP a transport receives (the SFU never forwards RTCP). About what the transport
 * sends (consumers): PLI/FIR become key frame requests to the producer, NACK is answered from the
 * retransmission buffer, RR blocks feed loss, RTT and score. About what it receives (producers): SR
 * gives the NTP/RTP mapping. SDES, BYE, APP, XR and the rest are consumed and ignored.
 */
final class RtcpReceiver {

    private final IntObjectHashMap<Consumer> consumersBySsrc;
    private final IntFunction<Producer> producersBySsrc;
    private final RtcpCompoundIterator iterator = new RtcpCompoundIterator();
    private final PliPacket pli = new PliPacket();
    private final FirPacket fir = new FirPacket();
    private final NackPacket nack = new NackPacket();
    private final SenderReport sr = new SenderReport();
    private final ReceiverReport rr = new ReceiverReport();
    private final ReportBlock block = new ReportBlock();

    RtcpReceiver(IntObjectHashMap<Consumer> consumersBySsrc, IntFunction<Producer> producersBySsrc) {
        this.consumersBySsrc = consumersBySsrc;
        this.producersBySsrc = producersBySsrc;
    }

    /** False when the compound packet was malformed (what came before the fault is still handled). */
    boolean receive(byte[] buf, int off, int len, long nowMs) {
        if (!iterator.wrap(buf, off, len)) {
            return false;
        }
        while (iterator.next()) {
            switch (iterator.packetType()) {
                case RtcpPacketType.PSFB -> onPayloadFeedback(nowMs);
                case RtcpPacketType.RTPFB -> onTransportFeedback(nowMs);
                case RtcpPacketType.SR -> onSenderReport(nowMs);
                case RtcpPacketType.RR -> onReceiverReport(nowMs);
                default -> { }
            }
        }
        return !iterator.isMalformed();
    }

    private void onPayloadFeedback(long nowMs) {
        int fmt = iterator.count();
        if (fmt == RtcpPacketType.FMT_PLI && pli.wrap(iterator.buffer(), iterator.offset(), iterator.length())) {
            Consumer consumer = consumersBySsrc.get(pli.mediaSsrc());
            if (consumer != null) {
                consumer.receiveKeyFrameRequest(pli.mediaSsrc(), false, nowMs);
            }
        } else if (fmt == RtcpPacketType.FMT_FIR && fir.wrap(iterator.buffer(), iterator.offset(), iterator.length())) {
            for (int i = 0; i < fir.entryCount(); i++) {
                Consumer consumer = consumersBySsrc.get(fir.entrySsrc(i));
                if (consumer != null) {
                    consumer.receiveKeyFrameRequest(fir.entrySsrc(i), true, nowMs);
                }
            }
        }
    }

    private void onTransportFeedback(long nowMs) {
        if (iterator.count() == RtcpPacketType.FMT_NACK
                && nack.wrap(iterator.buffer(), iterator.offset(), iterator.length())) {
            Consumer consumer = consumersBySsrc.get(nack.mediaSsrc());
            if (consumer != null) {
                consumer.receiveNack(nack, nowMs);
            }
        }
    }

    private void onSenderReport(long nowMs) {
        if (!sr.wrap(iterator.buffer(), iterator.offset(), iterator.length())) {
            return;
        }
        Producer producer = producersBySsrc.apply(sr.ssrc());
        if (producer != null) {
            producer.receiveSenderReport(sr.ssrc(), sr.ntpTimestamp(), sr.rtpTimestamp(), nowMs);
        }
        for (int i = 0; i < sr.reportCount(); i++) {
            if (sr.reportBlock(i, block)) {
                onReportBlock(nowMs);
            }
        }
    }

    private void onReceiverReport(long nowMs) {
        if (!rr.wrap(iterator.buffer(), iterator.offset(), iterator.length())) {
            return;
        }
        for (int i = 0; i < rr.reportCount(); i++) {
            if (rr.reportBlock(i, block)) {
                onReportBlock(nowMs);
            }
        }
    }

    private void onReportBlock(long nowMs) {
        Consumer consumer = consumersBySsrc.get(block.ssrc());
        if (consumer != null) {
            consumer.receiveReceiverReport(block, nowMs);
        }
    }
}
