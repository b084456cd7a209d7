package io.tributary.client.media.rtcp;

import io.tributary.client.media.MediaClock;
import io.tributary.worker.rtcp.FirPacket;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.PliPacket;
import io.tributary.worker.rtcp.ReceiverReport;
import io.tributary.worker.rtcp.RembPacket;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundIterator;
import io.tributary.worker.rtcp.RtcpPacketType;
import io.tributary.worker.rtcp.SenderReport;
import io.tributary.worker.rtcp.TransportCcFeedback;

/** Walks each decrypted RTCP compound from the SFU, counts every packet and hands feedback on. Loop-confined. */
public final class RtcpReader {

    /** Where feedback about our streams and reports about theirs go; called on the loop. */
    public interface Handler {
        void onSenderReport(int ssrc, long ntpTimestamp, long arrivalMicros);

        void onReportBlock(ReportBlock block);

        void onNack(NackPacket nack);

        void onPli(int mediaSsrc);

        void onFir(int targetSsrc, int firSequenceNumber);
    }

    private final RtcpCounters counters;
    private final Handler handler;
    private final RtcpCompoundIterator compound = new RtcpCompoundIterator();
    private final SenderReport sr = new SenderReport();
    private final ReceiverReport rr = new ReceiverReport();
    private final ReportBlock block = new ReportBlock();
    private final NackPacket nack = new NackPacket();
    private final PliPacket pli = new PliPacket();
    private final FirPacket fir = new FirPacket();
    private final RembPacket remb = new RembPacket();
    private final TransportCcFeedback transportCc = new TransportCcFeedback();

    public RtcpReader(RtcpCounters counters, Handler handler) {
        this.counters = counters;
        this.handler = handler;
    }

    public RtcpCounters counters() {
        return counters;
    }

    /** An SRTCP packet that did not authenticate. */
    public void undecryptable() {
        counters.undecryptable();
        counters.changed();
    }

    public void read(byte[] buf, int off, int len) {
        long arrivalMicros = MediaClock.nowMicros();
        counters.compound();
        compound.wrap(buf, off, len);
        while (compound.next()) {
            dispatch(compound.packetType(), compound.count(), arrivalMicros);
        }
        if (compound.isMalformed()) {
            counters.malformed();
        }
        counters.changed();
    }

    private void dispatch(int type, int format, long arrivalMicros) {
        byte[] b = compound.buffer();
        int o = compound.offset();
        int l = compound.length();
        switch (type) {
            case RtcpPacketType.SR -> {
                if (sr.wrap(b, o, l)) {
                    counters.senderReport();
                    handler.onSenderReport(sr.ssrc(), sr.ntpTimestamp(), arrivalMicros);
                    for (int i = 0; sr.reportBlock(i, block); i++) {
                        handler.onReportBlock(block);
                    }
                }
            }
            case RtcpPacketType.RR -> {
                if (rr.wrap(b, o, l)) {
                    counters.receiverReport(rr.reportCount());
                    for (int i = 0; rr.reportBlock(i, block); i++) {
                        handler.onReportBlock(block);
                    }
                }
            }
            case RtcpPacketType.SDES -> counters.sdes();
            case RtcpPacketType.BYE -> counters.bye();
            case RtcpPacketType.RTPFB -> transportFeedback(format, b, o, l);
            case RtcpPacketType.PSFB -> payloadFeedback(format, b, o, l, arrivalMicros);
            default -> counters.other();
        }
    }

    private void transportFeedback(int format, byte[] b, int o, int l) {
        if (format == RtcpPacketType.FMT_NACK && nack.wrap(b, o, l)) {
            counters.nack(nack.mediaSsrc() & 0xFFFF_FFFFL, nack.lostCount());
            handler.onNack(nack);
        } else if (format == RtcpPacketType.FMT_TRANSPORT_CC && transportCc.wrap(b, o, l)) {
            counters.transportCc();
        } else {
            counters.other();
        }
    }

    private void payloadFeedback(int format, byte[] b, int o, int l, long arrivalMicros) {
        if (format == RtcpPacketType.FMT_PLI && pli.wrap(b, o, l)) {
            counters.pli(pli.mediaSsrc() & 0xFFFF_FFFFL, arrivalMicros / 1000);
            handler.onPli(pli.mediaSsrc());
        } else if (format == RtcpPacketType.FMT_FIR && fir.wrap(b, o, l)) {
            for (int i = 0; i < fir.entryCount(); i++) {
                counters.fir(fir.entrySsrc(i) & 0xFFFF_FFFFL);
                handler.onFir(fir.entrySsrc(i), fir.entrySequenceNumber(i));
            }
        } else if (format == RtcpPacketType.FMT_AFB && remb.wrap(b, o, l)) {
            counters.remb(remb.bitrate());
        } else {
            counters.other();
        }
    }
}
