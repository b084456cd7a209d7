package io.tributary.client.media.send;

import io.tributary.client.media.MediaOutput;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The peer's publications and their streams by SSRC: where the SFU's feedback lands and SRs come from. */
public final class OutboundStreams {

    private final Map<Integer, OutboundStream> bySsrc = new ConcurrentHashMap<>();
    private final List<Publication> publications = new CopyOnWriteArrayList<>();
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final byte[] rtcp = new byte[MediaOutput.MAX_PACKET + MediaOutput.TAIL_ROOM];

    /** Registers a publication; its SSRCs must be new to this peer. */
    public void add(Publication publication) {
        for (OutboundStream stream : publication.streams()) {
            if (bySsrc.putIfAbsent((int) stream.ssrc(), stream) != null) {
                throw new IllegalArgumentException("SSRC " + stream.ssrc() + " is already sent by this peer");
            }
        }
        publications.add(publication);
    }

    public List<Publication> publications() {
        return List.copyOf(publications);
    }

    /** The stream sending this SSRC, or null. */
    public OutboundStream stream(long ssrc) {
        return bySsrc.get((int) ssrc);
    }

    /** Retransmits every sequence number the NACK lists; call on the loop. */
    public void onNack(NackPacket nack) {
        OutboundStream stream = bySsrc.get(nack.mediaSsrc());
        if (stream != null) {
            stream.countNack();
            nack.forEachLost(stream::retransmit);
        }
    }

    public void onPli(int mediaSsrc) {
        OutboundStream stream = bySsrc.get(mediaSsrc);
        if (stream != null) {
            stream.onPli();
        }
    }

    public void onFir(int targetSsrc, int firSequenceNumber) {
        OutboundStream stream = bySsrc.get(targetSsrc);
        if (stream != null) {
            stream.onFir(firSequenceNumber);
        }
    }

    public void onReportBlock(ReportBlock block) {
        OutboundStream stream = bySsrc.get(block.ssrc());
        if (stream != null) {
            stream.onReportBlock(block.fractionLost(), block.cumulativeLost());
        }
    }

    /** One SR + SDES compound per stream that has sent media; call on the loop. */
    public void sendSenderReports(MediaOutput output, byte[] cname, long nowMicros) {
        for (OutboundStream stream : bySsrc.values()) {
            writer.reset(rtcp, 0, MediaOutput.MAX_PACKET);
            if (stream.addSenderReport(writer, nowMicros)) {
                writer.addSdesCname((int) stream.ssrc(), cname, 0, cname.length);
                output.sendRtcp(rtcp, writer.length());
            }
        }
    }

    /** Stops every source and fails pending awaits on its streams. */
    public void closeAll(Throwable cause) {
        publications.forEach(Publication::close);
        bySsrc.values().forEach(stream -> stream.failWaiters(cause));
    }
}
