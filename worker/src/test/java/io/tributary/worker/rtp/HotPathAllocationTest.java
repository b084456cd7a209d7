package io.tributary.worker.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.RtcpCompoundIterator;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtcp.SenderReport;
import io.tributary.worker.rtcp.TransportCcFeedback;
import io.tributary.worker.rtp.codec.Vp8PayloadDescriptor;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** The per-packet paths must not allocate: measured with the JVM's per-thread allocation counter. */
class HotPathAllocationTest {

    private static final int ROUNDS = 50_000;
    /** Slack for the counter's own bookkeeping; one allocation per packet would be megabytes. */
    private static final long TOLERANCE_BYTES = 4096;

    private final RtpPacket packet = new RtpPacket();
    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
    private final RtcpCompoundIterator compound = new RtcpCompoundIterator();
    private final SenderReport sr = new SenderReport();
    private final NackPacket nack = new NackPacket();
    private final TransportCcFeedback twcc = new TransportCcFeedback();
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final byte[] idMap = new byte[256];
    private final byte[] mid = "1".getBytes();
    private final byte[] cname = "cname".getBytes();
    private final int[] lost = {10, 11, 30};
    private final byte[] out = new byte[1500];
    private long sink;
    private final IntConsumer lostSink = seq -> sink += seq;
    private final TransportCcFeedback.PacketListener twccSink = (seq, status, delta) -> sink += seq + delta;

    @Test
    void forwardingAndRtcpPathsDoNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        idMap[3] = (byte) RtpExtensionIds.MID;
        idMap[2] = (byte) RtpExtensionIds.ABS_SEND_TIME;
        idMap[4] = (byte) RtpExtensionIds.TRANSPORT_WIDE_CC;

        byte[] rtpBytes = Hex.bytes("90 e0 12 34 00 00 30 39 de ad be ef | be de 00 03 | 30 31 22 11 | 22 33 41 00 | 07 00 00 00"
                + " | 90 e0 80 7b 2a 60 01 02 03");
        byte[] rtcpBytes = Hex.bytes("80 c8 00 06 00 00 04 d2 e8 00 00 00 80 00 00 00 00 01 e2 40 00 00 00 0a 00 00 03 e8"
                + " 81 cd 00 03 00 00 00 01 00 00 00 02 00 64 80 01"
                + " 8f cd 00 09 00 00 00 01 00 00 00 02 00 64 00 14 00 01 02 03 20 05 c9 41 ac 40"
                + " 01 02 03 04 05 ff 9c 0a 0b 0c 0d 0e 0f 10");
        byte[] work = new byte[rtpBytes.length + 64];

        runRounds(rtpBytes, rtcpBytes, work, ROUNDS);
        long before = threads.getCurrentThreadAllocatedBytes();
        runRounds(rtpBytes, rtcpBytes, work, ROUNDS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < TOLERANCE_BYTES, "allocated " + allocated + " bytes over " + ROUNDS + " rounds");
        assertTrue(sink != 0);
    }

    private void runRounds(byte[] rtpBytes, byte[] rtcpBytes, byte[] work, int rounds) {
        for (int i = 0; i < rounds; i++) {
            System.arraycopy(rtpBytes, 0, work, 0, rtpBytes.length);
            forward(work, rtpBytes.length, i);
            terminateRtcp(rtcpBytes);
        }
    }

    /** Roughly what a producer and a consumer do to one video packet. */
    private void forward(byte[] buf, int len, int i) {
        packet.wrap(buf, 0, len);
        packet.rewriteExtensionIds(idMap);
        sink += packet.absSendTime(RtpExtensionIds.ABS_SEND_TIME);
        sink += packet.extensionEquals(RtpExtensionIds.MID, mid) ? 1 : 0;
        packet.compactExtensions();
        packet.setSsrc(0x1234);
        packet.setSequenceNumber(i);
        packet.setTimestamp(i * 3000L);
        packet.setExtensionValue(RtpExtensionIds.MID, mid, 0, 1);
        packet.setTransportWideSequenceNumber(RtpExtensionIds.TRANSPORT_WIDE_CC, i);
        packet.setAbsSendTime(RtpExtensionIds.ABS_SEND_TIME, AbsSendTime.fromMillis(i));
        if (vp8.wrap(buf, packet.payloadOffset(), packet.payloadLength())) {
            vp8.setPictureId(i);
            vp8.setTl0PicIdx(i);
            sink += vp8.isKeyFrame() ? 1 : 0;
        }
        sink += RtxCodec.encode(packet, out, 0, 97, 5, i);
    }

    private void terminateRtcp(byte[] rtcp) {
        compound.wrap(rtcp, 0, rtcp.length);
        while (compound.next()) {
            if (sr.wrap(rtcp, compound.offset(), compound.length())) {
                sink += sr.ntpTimestamp();
            } else if (nack.wrap(rtcp, compound.offset(), compound.length())) {
                nack.forEachLost(lostSink);
            } else if (twcc.wrap(rtcp, compound.offset(), compound.length())) {
                twcc.forEachPacket(twccSink);
            }
        }
        writer.reset(out, 0, out.length);
        writer.addReceiverReport(1);
        writer.addReportBlock(2, 0, 0, 100, 0, 0, 0);
        writer.addSdesCname(1, cname, 0, cname.length);
        writer.addNack(1, 2, lost, 0, lost.length);
        writer.addPli(1, 2);
        writer.addRemb(1, 1_000_000, lost, 1);
        sink += writer.length();
    }
}
