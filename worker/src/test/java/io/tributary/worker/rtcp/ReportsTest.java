package io.tributary.worker.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import org.junit.jupiter.api.Test;

class ReportsTest {

    private static final String BLOCK =
            "00 00 16 2e | 40 | ff ff fe | 00 01 00 05 | 00 00 00 20 | 12 34 56 78 | 00 01 80 00";
    private static final String SR =
            "81 c8 00 0c | 00 00 04 d2 | e8 00 00 00 | 80 00 00 00 | 00 01 e2 40 | 00 00 00 0a | 00 00 03 e8 | " + BLOCK;
    private static final String RR = "81 c9 00 07 | 00 00 04 d2 | " + BLOCK;

    private final SenderReport sr = new SenderReport();
    private final ReceiverReport rr = new ReceiverReport();
    private final ReportBlock block = new ReportBlock();

    private void assertBlock() {
        assertEquals(5678, block.ssrc());
        assertEquals(64, block.fractionLost());
        assertEquals(-2, block.cumulativeLost());
        assertEquals(0x10005L, block.extendedHighestSequenceNumber());
        assertEquals(32, block.jitter());
        assertEquals(0x12345678, block.lastSenderReport());
        assertEquals(0x18000, block.delaySinceLastSenderReport());
    }

    @Test
    void parsesSenderReport() {
        byte[] buf = Hex.bytes(SR);
        assertTrue(sr.wrap(buf, 0, buf.length));
        assertEquals(1234, sr.ssrc());
        assertEquals(0xe8000000_80000000L, sr.ntpTimestamp());
        assertEquals(123456, sr.rtpTimestamp());
        assertEquals(10, sr.packetCount());
        assertEquals(1000, sr.octetCount());
        assertEquals(1, sr.reportCount());
        assertTrue(sr.reportBlock(0, block));
        assertBlock();
        assertFalse(sr.reportBlock(1, block));
        assertFalse(sr.reportBlock(-1, block));
    }

    @Test
    void parsesReceiverReport() {
        byte[] buf = Hex.bytes(RR);
        assertTrue(rr.wrap(buf, 0, buf.length));
        assertEquals(1234, rr.ssrc());
        assertEquals(1, rr.reportCount());
        assertTrue(rr.reportBlock(0, block));
        assertBlock();
    }

    @Test
    void writersProduceTheSameBytes() {
        byte[] out = new byte[64];
        RtcpCompoundWriter w = new RtcpCompoundWriter();
        assertTrue(w.reset(out, 1, 60));
        assertTrue(w.addSenderReport(1234, 0xe8000000_80000000L, 123456, 10, 1000));
        assertTrue(w.addReportBlock(5678, 64, -2, 0x10005L, 32, 0x12345678, 0x18000));
        assertEquals(Hex.normalize(SR), Hex.of(out, 1, w.length()));

        assertTrue(w.reset(out, 0, 64));
        assertTrue(w.addReceiverReport(1234));
        assertTrue(w.addReportBlock(5678, 64, -2, 0x10005L, 32, 0x12345678, 0x18000));
        assertEquals(Hex.normalize(RR), Hex.of(out, 0, w.length()));
    }

    @Test
    void emptyReceiverReport() {
        byte[] out = new byte[8];
        assertEquals(8, ReceiverReport.write(out, 0, 7));
        assertEquals(Hex.normalize("80 c9 00 01 00 00 00 07"), Hex.of(out, 0, 8));
        assertTrue(rr.wrap(out, 0, 8));
        assertEquals(0, rr.reportCount());
        assertEquals(-1, ReceiverReport.write(out, 1, 7));
        assertEquals(-1, SenderReport.write(out, 0, 1, 1, 1, 1, 1));
    }

    @Test
    void cumulativeLostIsClampedTo24Bits() {
        byte[] out = new byte[24];
        ReportBlock.write(out, 0, 1, 0, 10_000_000, 0, 0, 0, 0);
        assertTrue(block.wrap(out, 0));
        assertEquals(0x7FFFFF, block.cumulativeLost());
        ReportBlock.write(out, 0, 1, 0, -10_000_000, 0, 0, 0, 0);
        assertEquals(-0x800000, block.cumulativeLost());
        assertFalse(block.wrap(out, 1));
        assertEquals(-1, ReportBlock.write(out, 1, 1, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void rejectsMalformedReports() {
        byte[] buf = Hex.bytes(SR);
        assertFalse(sr.wrap(buf, 0, buf.length - 4), "length field beyond the bytes");
        assertFalse(rr.wrap(buf, 0, buf.length), "wrong type");
        byte[] tooManyBlocks = Hex.bytes("82 c8 00 0c" + SR.substring(11));
        assertFalse(sr.wrap(tooManyBlocks, 0, tooManyBlocks.length), "RC says 2 blocks, one present");
        assertFalse(rr.wrap(Hex.bytes("80 c9 00 00"), 0, 4), "RR without SSRC");
        assertFalse(sr.wrap(Hex.bytes("40 c8 00 00"), 0, 4), "version 1");
        byte[] padded = Hex.bytes("a0 c9 00 02 | 00 00 00 07 | 00 00 00 04");
        assertTrue(rr.wrap(padded, 0, padded.length), "padding after an empty RR");
        byte[] overPadded = Hex.bytes("a0 c9 00 02 | 00 00 00 07 | 00 00 00 0d");
        assertFalse(rr.wrap(overPadded, 0, overPadded.length), "padding larger than the packet");
        byte[] zeroPadding = Hex.bytes("a0 c9 00 02 | 00 00 00 07 | 00 00 00 00");
        assertFalse(rr.wrap(zeroPadding, 0, zeroPadding.length), "padding count zero");
        byte[] eatsTheSsrc = Hex.bytes("a0 c9 00 02 | 00 00 00 07 | 00 00 00 08");
        assertFalse(rr.wrap(eatsTheSsrc, 0, eatsTheSsrc.length), "padding covers the SSRC");
    }
}
