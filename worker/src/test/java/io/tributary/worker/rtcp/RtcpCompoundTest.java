package io.tributary.worker.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {

    private static final byte[] CNAME = "abcd".getBytes(StandardCharsets.US_ASCII);

    private final RtcpCompoundIterator it = new RtcpCompoundIterator();
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();

    private List<String> walk(byte[] buf, int off, int len) {
        List<String> out = new ArrayList<>();
        it.wrap(buf, off, len);
        while (it.next()) {
            out.add(it.packetType() + "/" + it.count() + "@" + it.offset() + "+" + it.length());
        }
        return out;
    }

    @Test
    void writesAndWalksAFullCompoundPacket() {
        byte[] buf = new byte[200];
        assertTrue(writer.reset(buf, 4, 196));
        assertTrue(writer.addSenderReport(1, NtpTime.fromUnixMillis(1_700_000_000_000L), 90_000, 5, 500));
        assertTrue(writer.addReportBlock(2, 0, 0, 100, 0, 0, 0));
        assertTrue(writer.addReportBlock(3, 0, 0, 200, 0, 0, 0));
        assertTrue(writer.addSdesCname(1, CNAME, 0, CNAME.length));
        assertFalse(writer.addReportBlock(4, 0, 0, 0, 0, 0, 0), "blocks only follow an SR/RR");
        assertTrue(writer.addNack(1, 2, new int[] {7, 8}, 0, 2));
        assertTrue(writer.addPli(1, 2));
        assertTrue(writer.addFir(1, 2, 2, 9));
        assertTrue(writer.addRemb(1, 500_000, new int[] {2, 3}, 2));
        assertTrue(writer.addBye(1));
        int len = writer.length();
        assertEquals(28 + 48 + 16 + 16 + 12 + 20 + 28 + 8, len);

        assertEquals(List.of("200/2@4+76", "202/1@80+16", "205/1@96+16", "206/1@112+12", "206/4@124+20",
                "206/15@144+28", "203/1@172+8"), walk(buf, 4, len));
        assertFalse(it.isMalformed());

        SenderReport sr = new SenderReport();
        ReportBlock block = new ReportBlock();
        assertTrue(sr.wrap(buf, 4, 76));
        assertEquals(2, sr.reportCount());
        assertTrue(sr.reportBlock(1, block));
        assertEquals(3, block.ssrc());
        assertEquals(200, block.extendedHighestSequenceNumber());
        assertEquals(1_700_000_000_000L, NtpTime.toUnixMillis(sr.ntpTimestamp()));
        RembPacket remb = new RembPacket();
        assertTrue(remb.wrap(buf, 144, 28));
        assertEquals(500_000, remb.bitrate());
        assertEquals(3, remb.ssrc(1));
    }

    @Test
    void capacityIsRespected() {
        byte[] buf = new byte[100];
        assertTrue(writer.reset(buf, 0, 40));
        assertTrue(writer.addReceiverReport(1));
        assertEquals(1, writer.reportBlockRoom());
        assertTrue(writer.addReportBlock(2, 0, 0, 0, 0, 0, 0));
        assertEquals(0, writer.reportBlockRoom());
        assertFalse(writer.addReportBlock(3, 0, 0, 0, 0, 0, 0));
        assertFalse(writer.addPli(1, 2));
        assertTrue(writer.addBye(1));
        assertEquals(40, writer.length());
        assertEquals(0, writer.remaining());
        for (int i = 40; i < buf.length; i++) {
            assertEquals(0, buf[i], "nothing written past the capacity");
        }
        assertFalse(writer.reset(buf, 90, 20));
        assertFalse(writer.addPli(1, 2));
    }

    @Test
    void atMost31ReportBlocks() {
        byte[] buf = new byte[1500];
        writer.reset(buf, 0, buf.length);
        assertTrue(writer.addReceiverReport(1));
        for (int i = 0; i < 31; i++) {
            assertTrue(writer.addReportBlock(i, 0, 0, 0, 0, 0, 0));
        }
        assertFalse(writer.addReportBlock(99, 0, 0, 0, 0, 0, 0));
        ReceiverReport rr = new ReceiverReport();
        assertTrue(rr.wrap(buf, 0, writer.length()));
        assertEquals(31, rr.reportCount());
        assertTrue(writer.addReceiverReport(1), "a second RR carries the rest");
        assertTrue(writer.addReportBlock(31, 0, 0, 0, 0, 0, 0));
        assertEquals(List.of("201/31@0+752", "201/1@752+32"), walk(buf, 0, writer.length()));
    }

    @Test
    void appendsTransportCcFeedback() {
        TransportCcFeedbackBuilder feedback = new TransportCcFeedbackBuilder(16);
        byte[] buf = new byte[64];
        writer.reset(buf, 0, 64);
        feedback.reset(1, 2, 0);
        assertFalse(writer.addTransportCcFeedback(feedback), "empty feedback");
        feedback.addReceived(10, 1000);
        feedback.addReceived(11, 2000);
        assertTrue(writer.addTransportCcFeedback(feedback));
        assertEquals(List.of("205/15@0+24"), walk(buf, 0, writer.length()));
        assertTrue(new TransportCcFeedback().wrap(buf, 0, 24));
        writer.reset(buf, 0, 20);
        assertFalse(writer.addTransportCcFeedback(feedback), "no room");
    }

    @Test
    void reducedSizeFeedbackAlone() {
        byte[] buf = new byte[12];
        writer.reset(buf, 0, 12);
        assertTrue(writer.addPli(5, 6));
        assertEquals(List.of("206/1@0+12"), walk(buf, 0, 12));
    }

    @Test
    void stopsCleanlyOnMalformedPackets() {
        byte[] twoPackets = Hex.bytes("81 ce 00 02 00 00 00 01 00 00 00 02 | 80 c9 00 05 00 00 00 01");
        assertEquals(List.of("206/1@0+12"), walk(twoPackets, 0, twoPackets.length));
        assertTrue(it.isMalformed(), "second length runs past the end");

        assertEquals(List.of(), walk(new byte[0], 0, 0));
        assertFalse(it.isMalformed(), "empty is just empty");

        assertEquals(List.of(), walk(Hex.bytes("40 c9 00 00"), 0, 4));
        assertTrue(it.isMalformed(), "version 1");

        assertEquals(List.of(), walk(Hex.bytes("80 c9 00"), 0, 3));
        assertTrue(it.isMalformed(), "truncated header");

        assertEquals(List.of("201/0@0+4"), walk(Hex.bytes("80 c9 00 00"), 0, 4), "header-only packet is framed");
        assertFalse(new ReceiverReport().wrap(Hex.bytes("80 c9 00 00"), 0, 4), "but is not a valid RR");

        assertEquals(List.of(), walk(Hex.bytes("a0 c9 00 01 00 00 00 05"), 0, 8));
        assertTrue(it.isMalformed(), "padding larger than the packet");

        assertFalse(it.wrap(new byte[4], 2, 4));
        assertFalse(it.next());
        assertTrue(it.isMalformed());
    }

    @Test
    void paddingIsReportedAndSkipped() {
        byte[] buf = Hex.bytes("a1 ce 00 03 00 00 00 01 00 00 00 02 00 00 00 04 | 80 c9 00 01 00 00 00 09");
        assertEquals(List.of("206/1@0+16", "201/0@16+8"), walk(buf, 0, buf.length));
        it.wrap(buf, 0, buf.length);
        assertTrue(it.next());
        assertTrue(it.hasPadding());
        assertEquals(12, it.contentLength());
        assertTrue(new PliPacket().wrap(it.buffer(), it.offset(), it.length()));
    }
}
