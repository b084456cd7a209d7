package io.tributary.worker.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private final RtpPacket packet = new RtpPacket();

    @Test
    void parsesFixedHeaderFields() {
        byte[] buf = Hex.bytes("80 e0 12 34 00 00 30 39 de ad be ef | 01 02 03");
        assertTrue(packet.wrap(buf, 0, buf.length));
        assertTrue(packet.marker());
        assertEquals(96, packet.payloadType());
        assertEquals(0x1234, packet.sequenceNumber());
        assertEquals(12345L, packet.timestamp());
        assertEquals(0xdeadbeef, packet.ssrc());
        assertEquals(0, packet.csrcCount());
        assertFalse(packet.hasPadding());
        assertFalse(packet.hasExtension());
        assertEquals(RtpPacket.EXTENSION_NONE, packet.extensionForm());
        assertEquals(12, packet.headerLength());
        assertEquals(12, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
        assertEquals(-1, packet.findExtension(1));
    }

    @Test
    void honoursOffsetCsrcsAndPadding() {
        byte[] raw = Hex.bytes("a2 6f 00 01 ff ff ff ff 00 00 00 01 | 00 00 00 0a 00 00 00 0b | aa bb | 00 00 03");
        byte[] buf = Hex.placed(raw, 5, 7);
        assertTrue(packet.wrap(buf, 5, raw.length));
        assertFalse(packet.marker());
        assertEquals(111, packet.payloadType());
        assertEquals(0xFFFF_FFFFL, packet.timestamp());
        assertEquals(2, packet.csrcCount());
        assertEquals(10, packet.csrc(0));
        assertEquals(11, packet.csrc(1));
        assertEquals(20, packet.headerLength());
        assertEquals(5 + 20, packet.payloadOffset());
        assertEquals(2, packet.payloadLength());
        assertEquals(3, packet.paddingLength());
        assertFalse(packet.isPaddingOnly());

        packet.removePadding();
        assertEquals(22, packet.length());
        assertFalse(packet.hasPadding());
        assertTrue(packet.wrap(buf, 5, packet.length()));
        assertEquals(2, packet.payloadLength());
    }

    @Test
    void paddingOnlyPacketHasNoPayload() {
        byte[] buf = Hex.bytes("a0 7f 00 01 00 00 00 00 00 00 04 d2 | 00 00 00 04");
        assertTrue(packet.wrap(buf, 0, buf.length));
        assertTrue(packet.isPaddingOnly());
        assertEquals(4, packet.paddingLength());
    }

    @Test
    void settersWriteInPlace() {
        byte[] buf = Hex.bytes("80 60 00 01 00 00 00 02 00 00 00 03 | 99");
        assertTrue(packet.wrap(buf, 0, buf.length));
        packet.setMarker(true);
        packet.setPayloadType(101);
        packet.setSequenceNumber(0xFFFE);
        packet.setTimestamp(0x8000_0001L);
        packet.setSsrc(0x01020304);
        assertEquals(Hex.normalize("80 e5 ff fe 80 00 00 01 01 02 03 04 99"), Hex.of(buf, 0, buf.length));
        packet.setMarker(false);
        packet.setPayloadType(0x1FF);
        assertEquals(0x7F, packet.payloadType());
        assertFalse(packet.marker());
    }

    @Test
    void writeHeaderBuildsParseablePacket() {
        byte[] buf = new byte[20];
        assertEquals(12, RtpPacket.writeHeader(buf, 0, true, 127, 65535, 0xFFFF_FFFFL, 1234));
        assertEquals(Hex.normalize("80 ff ff ff ff ff ff ff 00 00 04 d2"), Hex.of(buf, 0, 12));
        assertTrue(packet.wrap(buf, 0, 12));
        assertEquals(-1, RtpPacket.writeHeader(buf, 10, false, 96, 1, 1, 1));
    }

    @Test
    void copyToCopiesWholePacket() {
        byte[] buf = Hex.bytes("80 60 00 01 00 00 00 02 00 00 00 03 | 99 98");
        assertTrue(packet.wrap(buf, 0, buf.length));
        byte[] dst = new byte[16];
        assertEquals(14, packet.copyTo(dst, 2));
        assertEquals(Hex.of(buf, 0, 14), Hex.of(dst, 2, 14));
        assertEquals(-1, packet.copyTo(dst, 3));
    }

    /** RFC 8285 section 4.2 example: three one-byte elements with two padding bytes. */
    @Test
    void rfc8285OneByteExample() {
        byte[] buf = Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 | be de 00 03 | 10 aa 21 bb | bb 00 00 33 | cc cc cc cc | 55");
        assertTrue(packet.wrap(buf, 0, buf.length));
        assertEquals(RtpPacket.EXTENSION_ONE_BYTE, packet.extensionForm());
        assertEquals(0xBEDE, packet.extensionProfile());
        assertEquals(16, packet.extensionDataOffset());
        assertEquals(12, packet.extensionDataLength());
        assertEquals(28, packet.headerLength());
        assertEquals(1, packet.payloadLength());

        int v1 = packet.findExtension(1);
        assertEquals(17, v1);
        assertEquals(1, packet.extensionLength(v1));
        int v2 = packet.findExtension(2);
        assertEquals(19, v2);
        assertEquals(2, packet.extensionLength(v2));
        int v3 = packet.findExtension(3);
        assertEquals(24, v3);
        assertEquals(4, packet.extensionLength(v3));
        assertEquals(-1, packet.findExtension(4));
        assertEquals(-1, packet.findExtension(0));

        List<String> seen = new ArrayList<>();
        packet.forEachExtension((id, off, len) -> seen.add(id + "@" + off + "+" + len));
        assertEquals(List.of("1@17+1", "2@19+2", "3@24+4"), seen);
    }

    /** RFC 8285 section 4.3 example: two-byte elements, one of them empty. */
    @Test
    void rfc8285TwoByteExample() {
        byte[] buf = Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 | 10 00 00 03 | 01 00 02 01 | 42 00 03 04 | 42 42 42 42");
        assertTrue(packet.wrap(buf, 0, buf.length));
        assertEquals(RtpPacket.EXTENSION_TWO_BYTE, packet.extensionForm());
        int v1 = packet.findExtension(1);
        assertEquals(0, packet.extensionLength(v1));
        int v2 = packet.findExtension(2);
        assertEquals(1, packet.extensionLength(v2));
        assertEquals(0x42, buf[v2]);
        int v3 = packet.findExtension(3);
        assertEquals(4, packet.extensionLength(v3));
        assertEquals(24, v3);
        assertEquals(0, packet.payloadLength());
    }

    @Test
    void twoByteFormAcceptsAppBitsAndLargeIds() {
        byte[] buf = Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 | 10 0f 00 01 | c8 01 07 00");
        assertTrue(packet.wrap(buf, 0, buf.length));
        assertEquals(RtpPacket.EXTENSION_TWO_BYTE, packet.extensionForm());
        assertEquals(18, packet.findExtension(200));
    }

    @Test
    void oneByteStopIdEndsProcessing() {
        // id 15 stops parsing: what follows is ignored even though it would overrun.
        byte[] buf = Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 | be de 00 01 | 10 aa f5 2f");
        assertTrue(packet.wrap(buf, 0, buf.length));
        assertEquals(17, packet.findExtension(1));
        assertEquals(-1, packet.findExtension(2));
    }

    @Test
    void opaqueExtensionProfileIsKept() {
        byte[] buf = Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 | ab cd 00 01 | ff ff ff ff | 07");
        assertTrue(packet.wrap(buf, 0, buf.length));
        assertEquals(RtpPacket.EXTENSION_OTHER, packet.extensionForm());
        assertEquals(0xABCD, packet.extensionProfile());
        assertEquals(-1, packet.findExtension(15));
        assertEquals(1, packet.payloadLength());
        assertEquals(-1, packet.addExtension(1, 1));
    }

    @Test
    void rejectsMalformedPackets() {
        String fixed = "80 60 00 01 00 00 00 02 00 00 00 03";
        assertFalse(packet.wrap(Hex.bytes("80 60 00 01 00 00 00 02 00 00 00"), 0, 11), "short fixed header");
        assertFalse(packet.wrap(Hex.bytes("40 60 00 01 00 00 00 02 00 00 00 03"), 0, 12), "version 1");
        assertFalse(packet.wrap(Hex.bytes("c0 60 00 01 00 00 00 02 00 00 00 03"), 0, 12), "version 3");
        assertFalse(packet.wrap(Hex.bytes("8f 60 00 01 00 00 00 02 00 00 00 03 00 00 00 01"), 0, 16), "CSRC overflow");
        assertFalse(packet.wrap(Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 be de"), 0, 14), "truncated ext header");
        assertFalse(packet.wrap(Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 be de 00 02 10 aa 00 00"), 0, 20),
                "ext length past end");
        assertFalse(packet.wrap(Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 be de 00 01 10 aa 23 bb"), 0, 20),
                "one-byte element past block");
        assertFalse(packet.wrap(Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 10 00 00 01 01 05 aa bb"), 0, 20),
                "two-byte element past block");
        assertFalse(packet.wrap(Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 10 00 00 01 00 00 00 07"), 0, 20),
                "two-byte element without its length byte");
        assertFalse(packet.wrap(Hex.bytes("a0 60 00 01 00 00 00 02 00 00 00 03 aa 00"), 0, 14), "zero padding count");
        assertFalse(packet.wrap(Hex.bytes("a0 60 00 01 00 00 00 02 00 00 00 03 aa 03"), 0, 14), "padding too large");
        assertFalse(packet.wrap(Hex.bytes(fixed), 4, 12), "slice beyond array");
        assertFalse(packet.wrap(Hex.bytes(fixed), -1, 12), "negative offset");
        assertFalse(packet.wrap(null, 0, 12), "null buffer");
        assertFalse(packet.wrap(Hex.bytes(fixed), 0, -5), "negative length");
        assertTrue(packet.wrap(Hex.bytes(fixed), 0, 12), "header alone is fine");
    }

    @Test
    void failedWrapLeavesEmptyView() {
        byte[] good = Hex.bytes("80 60 00 01 00 00 00 02 00 00 00 03 99");
        assertTrue(packet.wrap(good, 0, good.length));
        assertFalse(packet.wrap(good, 0, 5));
        assertEquals(0, packet.length());
        assertEquals(-1, packet.findExtension(1));
    }

    @Test
    void readsTypedExtensionsAndStrings() {
        // mid "ab\0" (NUL trimmed), abs-send-time, twcc, audio level, orientation, rid "hi".
        byte[] buf = Hex.bytes("90 60 00 01 00 00 00 02 00 00 00 03 | be de 00 05 | 12 61 62 00 | 42 12 34 56 | 51 01 02 a0 | b0 d0 04 21 | 68 69 00 00");
        assertTrue(packet.wrap(buf, 0, buf.length));
        assertTrue(packet.extensionEquals(1, "ab".getBytes()));
        assertFalse(packet.extensionEquals(1, "abc".getBytes()));
        assertFalse(packet.extensionEquals(9, "ab".getBytes()));
        byte[] out = new byte[4];
        assertEquals(2, packet.copyExtension(1, out, 1));
        assertEquals('a', out[1]);
        assertEquals('b', out[2]);
        assertEquals(-1, packet.copyExtension(1, out, 3));
        assertEquals(-1, packet.copyExtension(3, out, 0));
        assertEquals(0x123456, packet.absSendTime(4));
        assertEquals(0x0102, packet.transportWideSequenceNumber(5));
        assertEquals(0xb0, packet.audioLevel(10));
        assertTrue(AudioLevel.voice(packet.audioLevel(10)));
        assertEquals(48, AudioLevel.level(packet.audioLevel(10)));
        assertEquals(0x04, packet.videoOrientation(13));
        assertTrue(packet.extensionEquals(2, "hi".getBytes()));
        assertEquals(-1, packet.absSendTime(5), "wrong size is not abs-send-time");
        assertEquals(-1, packet.transportWideSequenceNumber(4));
        assertEquals(-1, packet.audioLevel(11));

        assertTrue(packet.setAbsSendTime(4, 0xABCDEF));
        assertTrue(packet.setTransportWideSequenceNumber(5, 0xFFFF));
        assertFalse(packet.setAbsSendTime(6, 1));
        assertFalse(packet.setTransportWideSequenceNumber(4, 1));
        assertEquals(Hex.normalize("be de 00 05 12 61 62 00 42 ab cd ef 51 ff ff a0 b0 d0 04 21 68 69 00 00"),
                Hex.of(buf, 12, 24));
    }

    @Test
    void aViewIsReusableAcrossPackets() {
        byte[] a = Hex.bytes("80 60 00 01 00 00 00 02 00 00 00 03 99");
        byte[] b = Hex.bytes("90 61 00 09 00 00 00 02 00 00 00 03 be de 00 01 10 01 00 00");
        assertTrue(packet.wrap(b, 0, b.length));
        assertTrue(packet.wrap(a, 0, a.length));
        assertEquals(-1, packet.findExtension(1));
        assertArrayEquals(new int[] {1, 1}, new int[] {packet.sequenceNumber(), packet.payloadLength()});
    }
}
