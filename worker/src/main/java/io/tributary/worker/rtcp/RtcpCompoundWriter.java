package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/**
 * Assembles RTCP packets back to back into a caller buffer, bounded by a capacity (e.g. the MTU
 * left after SRTCP overhead). RFC 3550 compound packets put an SR or RR first and an SDES with
 * the CNAME next; the caller chooses the order. Feedback alone is a reduced-size packet
 * (RFC 5506). Every add returns false, writing nothing, when the packet does not fit.
 * Reusable: {@link #reset} starts over without allocating.
 */
public final class RtcpCompoundWriter {

    private static final int MAX_REPORT_BLOCKS = 31;

    private byte[] buf;
    private int start;
    private int limit;
    private int position;
    /** Offset of the SR or RR that report blocks are appended to, or -1. */
    private int reportStart = -1;

    /** Starts writing at {@code buf[off]}, using at most {@code capacity} bytes; false when out of bounds. */
    public boolean reset(byte[] buf, int off, int capacity) {
        if (!BigEndian.inBounds(buf, off, capacity)) {
            this.buf = null;
            start = position = limit = 0;
            reportStart = -1;
            return false;
        }
        this.buf = buf;
        start = off;
        position = off;
        limit = off + capacity;
        reportStart = -1;
        return true;
    }

    /** Bytes written so far. */
    public int length() {
        return position - start;
    }

    /** Bytes still free. */
    public int remaining() {
        return limit - position;
    }

    public boolean addSenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
        if (!fits(SenderReport.HEADER_LENGTH)) {
            return false;
        }
        reportStart = position;
        position += SenderReport.write(buf, position, ssrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount);
        return true;
    }

    public boolean addReceiverReport(int ssrc) {
        if (!fits(ReceiverReport.HEADER_LENGTH)) {
            return false;
        }
        reportStart = position;
        position += ReceiverReport.write(buf, position, ssrc);
        return true;
    }

    /**
     * Appends a report block to the SR or RR added last; false when there is none, it follows
     * another packet, it already holds 31 blocks, or there is no room.
     */
    public boolean addReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequenceNumber,
                                  long jitter, int lastSenderReport, int delaySinceLastSenderReport) {
        if (reportStart < 0 || RtcpHeader.count(buf, reportStart) == MAX_REPORT_BLOCKS || !fits(ReportBlock.LENGTH)) {
            return false;
        }
        position += ReportBlock.write(buf, position, ssrc, fractionLost, cumulativeLost, extendedHighestSequenceNumber,
                jitter, lastSenderReport, delaySinceLastSenderReport);
        RtcpHeader.grow(buf, reportStart, ReportBlock.LENGTH);
        return true;
    }

    /** Remaining report blocks that fit in the current SR/RR and the capacity. */
    public int reportBlockRoom() {
        if (reportStart < 0) {
            return 0;
        }
        return Math.min(MAX_REPORT_BLOCKS - RtcpHeader.count(buf, reportStart), remaining() / ReportBlock.LENGTH);
    }

    public boolean addSdesCname(int ssrc, byte[] cname, int cnameOff, int cnameLength) {
        if (!fits(SdesPacket.cnameSize(cnameLength))) {
            return false;
        }
        return advance(SdesPacket.writeCname(buf, position, ssrc, cname, cnameOff, cnameLength));
    }

    public boolean addBye(int ssrc) {
        return fits(8) && advance(ByePacket.write(buf, position, ssrc));
    }

    public boolean addNack(int senderSsrc, int mediaSsrc, int[] seqs, int from, int count) {
        if (seqs == null || from < 0 || count < 1 || count > seqs.length - from
                || !fits(NackPacket.size(seqs, from, count))) {
            return false;
        }
        return advance(NackPacket.write(buf, position, senderSsrc, mediaSsrc, seqs, from, count));
    }

    public boolean addPli(int senderSsrc, int mediaSsrc) {
        return fits(PliPacket.LENGTH) && advance(PliPacket.write(buf, position, senderSsrc, mediaSsrc));
    }

    public boolean addFir(int senderSsrc, int mediaSsrc, int targetSsrc, int sequenceNumber) {
        return fits(FirPacket.LENGTH)
                && advance(FirPacket.write(buf, position, senderSsrc, mediaSsrc, targetSsrc, sequenceNumber));
    }

    public boolean addRemb(int senderSsrc, long bitrate, int[] ssrcs, int count) {
        return count >= 0 && fits(RembPacket.size(count))
                && advance(RembPacket.write(buf, position, senderSsrc, bitrate, ssrcs, count));
    }

    /** Appends the feedback a builder holds; false when it is empty or does not fit. */
    public boolean addTransportCcFeedback(TransportCcFeedbackBuilder feedback) {
        return !feedback.isEmpty() && fits(feedback.size()) && advance(feedback.write(buf, position));
    }

    private boolean fits(int size) {
        return buf != null && size <= limit - position;
    }

    /** Moves past a packet a writer produced; anything but an SR/RR ends block appending. */
    private boolean advance(int written) {
        if (written < 0) {
            return false;
        }
        position += written;
        reportStart = -1;
        return true;
    }
}
