package io.tributary.worker.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpHeaderExtensionsTest {

    private static final String FIXED = "80 60 00 01 00 00 00 02 00 00 00 03";
    private static final String FIXED_X = "90 60 00 01 00 00 00 02 00 00 00 03";

    private final RtpPacket packet = new RtpPacket();

    private byte[] wrap(String hex, int spare) {
        byte[] raw = Hex.bytes(hex);
        byte[] buf = Hex.placed(raw, 0, spare);
        assertTrue(packet.wrap(buf, 0, raw.length), "fixture must parse");
        return buf;
    }

    private String packetHex(byte[] buf) {
        return Hex.of(buf, packet.offset(), packet.length());
    }

    private static byte[] idMap(int... pairs) {
        byte[] map = new byte[256];
        for (int i = 0; i < pairs.length; i += 2) {
            map[pairs[i]] = (byte) pairs[i + 1];
        }
        return map;
    }

    @Test
    void rewritesBrowserIdsToRouterIdsAndDropsUnmapped() {
        // mid=4 "0", abs-send-time=2, transport-cc=3, unknown 8 (4 bytes).
        byte[] buf = wrap(FIXED_X + "| be de 00 04 | 40 30 22 11 | 22 33 31 00 | 07 83 de ad | be ef 00 00 | aa bb", 0);
        packet.rewriteExtensionIds(idMap(4, RtpExtensionIds.MID, 2, RtpExtensionIds.ABS_SEND_TIME,
                3, RtpExtensionIds.TRANSPORT_WIDE_CC));
        assertEquals(Hex.normalize(FIXED_X + "be de 00 04 10 30 42 11 22 33 51 00 07 00 00 00 00 00 00 00 aa bb"),
                packetHex(buf));
        assertEquals(0x112233, packet.absSendTime(RtpExtensionIds.ABS_SEND_TIME));
        assertEquals(7, packet.transportWideSequenceNumber(RtpExtensionIds.TRANSPORT_WIDE_CC));
        assertTrue(packet.extensionEquals(RtpExtensionIds.MID, "0".getBytes()));

        assertEquals(30, packet.compactExtensions());
        assertEquals(Hex.normalize(FIXED_X + "be de 00 03 10 30 42 11 22 33 51 00 07 00 00 00 aa bb"), packetHex(buf));
        assertTrue(packet.wrap(buf, 0, packet.length()));
        assertEquals(7, packet.transportWideSequenceNumber(RtpExtensionIds.TRANSPORT_WIDE_CC));
        assertEquals(2, packet.payloadLength());
    }

    @Test
    void rewriteToOneByteIdAbove14Removes() {
        byte[] buf = wrap(FIXED_X + "| be de 00 01 | 10 aa 20 bb", 0);
        packet.rewriteExtensionIds(idMap(1, 15, 2, 3));
        assertEquals(Hex.normalize(FIXED_X + "be de 00 01 00 00 30 bb"), packetHex(buf));
    }

    @Test
    void shortMapRemovesIdsBeyondIt() {
        byte[] buf = wrap(FIXED_X + "| be de 00 01 | 10 aa e0 bb", 0);
        packet.rewriteExtensionIds(new byte[] {0, 1});
        assertEquals(Hex.normalize(FIXED_X + "be de 00 01 10 aa 00 00"), packetHex(buf));
    }

    @Test
    void rewritesTwoByteIds() {
        byte[] buf = wrap(FIXED_X + "| 10 00 00 02 | 21 01 aa 00 | 0a 01 bb 00", 0);
        packet.rewriteExtensionIds(idMap(0x21, 2, 0x0a, 200));
        assertEquals(Hex.normalize(FIXED_X + "10 00 00 02 02 01 aa 00 c8 01 bb 00"), packetHex(buf));
        assertEquals(22, packet.findExtension(200));
    }

    @Test
    void removeExtensionLeavesPadding() {
        byte[] buf = wrap(FIXED_X + "| be de 00 01 | 10 aa 20 bb", 0);
        assertTrue(packet.removeExtension(1));
        assertFalse(packet.removeExtension(1));
        assertEquals(Hex.normalize(FIXED_X + "be de 00 01 00 00 20 bb"), packetHex(buf));
    }

    @Test
    void compactingEverythingAwayDropsTheBlockAndKeepsPadding() {
        byte[] buf = wrap("b1 60 00 01 00 00 00 02 00 00 00 03 | 00 00 00 09 | be de 00 01 | 10 aa 00 00 | cc | 00 02", 0);
        packet.removeExtension(1);
        assertEquals(19, packet.compactExtensions());
        assertEquals(Hex.normalize("a1 60 00 01 00 00 00 02 00 00 00 03 00 00 00 09 cc 00 02"), packetHex(buf));
        assertEquals(RtpPacket.EXTENSION_NONE, packet.extensionForm());
        assertEquals(2, packet.paddingLength());
        assertEquals(1, packet.payloadLength());
        assertTrue(packet.wrap(buf, 0, packet.length()));
        assertEquals(1, packet.payloadLength());
    }

    @Test
    void compactingAnAlreadyTightBlockChangesNothing() {
        byte[] buf = wrap(FIXED_X + "| be de 00 01 | 10 aa 20 bb | 01", 0);
        String before = packetHex(buf);
        assertEquals(21, packet.compactExtensions());
        assertEquals(before, packetHex(buf));
    }

    @Test
    void compactDropsEverythingAfterStopId() {
        byte[] buf = wrap(FIXED_X + "| be de 00 02 | 00 10 aa f0 | 20 bb 00 00 | 01", 0);
        assertEquals(21, packet.compactExtensions());
        assertEquals(Hex.normalize(FIXED_X + "be de 00 01 10 aa 00 00 01"), packetHex(buf));
    }

    @Test
    void addExtensionUsesTrailingPadding() {
        byte[] buf = wrap(FIXED_X + "| be de 00 01 | 10 30 00 00 | aa", 0);
        int v = packet.addExtension(RtpExtensionIds.AUDIO_LEVEL, 1);
        assertEquals(19, v);
        buf[v] = 0x7f;
        assertEquals(Hex.normalize(FIXED_X + "be de 00 01 10 30 a0 7f aa"), packetHex(buf));
    }

    @Test
    void addExtensionGrowsTheBlockAndMovesPayload() {
        byte[] buf = wrap(FIXED_X + "| be de 00 01 | 10 30 00 00 | aa bb", 4);
        int v = packet.addExtension(RtpExtensionIds.TRANSPORT_WIDE_CC, 2);
        assertEquals(19, v);
        assertTrue(packet.setTransportWideSequenceNumber(RtpExtensionIds.TRANSPORT_WIDE_CC, 0x1234));
        assertEquals(Hex.normalize(FIXED_X + "be de 00 02 10 30 51 12 34 00 00 00 aa bb"), packetHex(buf));
        assertEquals(26, packet.length());
        assertTrue(packet.wrap(buf, 0, packet.length()));
        assertEquals(2, packet.payloadLength());
    }

    @Test
    void addExtensionFailsWithoutCapacityAndLeavesPacketAlone() {
        byte[] buf = wrap(FIXED_X + "| be de 00 01 | 10 30 00 00 | aa bb", 3);
        String before = packetHex(buf);
        assertEquals(-1, packet.addExtension(RtpExtensionIds.TRANSPORT_WIDE_CC, 2));
        assertEquals(before, packetHex(buf));
    }

    @Test
    void addExtensionCreatesOneByteBlockAfterCsrcs() {
        byte[] buf = wrap("a1 60 00 01 00 00 00 02 00 00 00 03 | 00 00 00 09 | cc | 00 02", 8);
        int v = packet.addExtension(RtpExtensionIds.ABS_SEND_TIME, 3);
        assertEquals(21, v);
        packet.setAbsSendTime(RtpExtensionIds.ABS_SEND_TIME, 0x010203);
        assertEquals(Hex.normalize("b1 60 00 01 00 00 00 02 00 00 00 03 00 00 00 09 be de 00 01 42 01 02 03 cc 00 02"),
                packetHex(buf));
        assertEquals(RtpPacket.EXTENSION_ONE_BYTE, packet.extensionForm());
        assertTrue(packet.wrap(buf, 0, packet.length()));
        assertEquals(0x010203, packet.absSendTime(4));
        assertEquals(1, packet.payloadLength());
    }

    @Test
    void addExtensionCreatesTwoByteBlockWhenNeeded() {
        byte[] buf = wrap(FIXED + "| aa", 12);
        assertEquals(18, packet.addExtension(20, 2));
        assertEquals(Hex.normalize(FIXED_X + "10 00 00 01 14 02 00 00 aa"), packetHex(buf));
        assertEquals(22, packet.addExtension(21, 0));
        assertEquals(Hex.normalize(FIXED_X + "10 00 00 02 14 02 00 00 15 00 00 00 aa"), packetHex(buf));
        assertTrue(packet.wrap(buf, 0, packet.length()));
        assertEquals(0, packet.extensionLength(packet.findExtension(21)));
    }

    @Test
    void addExtensionRefusesWhatTheBlockCannotHold() {
        wrap(FIXED_X + "| be de 00 01 | 10 30 00 00 | aa", 64);
        assertEquals(-1, packet.addExtension(1, 1), "duplicate id");
        assertEquals(-1, packet.addExtension(15, 1), "id 15 in one-byte form");
        assertEquals(-1, packet.addExtension(2, 17), "too long for one-byte form");
        assertEquals(-1, packet.addExtension(2, 0), "empty value in one-byte form");
        wrap(FIXED + "| aa", 64);
        assertEquals(-1, packet.addExtension(0, 1), "id 0");
        assertEquals(-1, packet.addExtension(256, 1), "id 256");
        assertEquals(-1, packet.addExtension(1, 256), "value too long");
    }

    @Test
    void addExtensionOverwritesAfterStopId() {
        byte[] buf = wrap(FIXED_X + "| be de 00 01 | 10 30 f3 ee | aa", 0);
        int v = packet.addExtension(RtpExtensionIds.AUDIO_LEVEL, 1);
        buf[v] = 0x11;
        assertEquals(Hex.normalize(FIXED_X + "be de 00 01 10 30 a0 11 aa"), packetHex(buf));
    }

    @Test
    void setExtensionValueShrinksAndGrowsIntoPadding() {
        byte[] buf = wrap(FIXED_X + "| be de 00 03 | 17 61 62 63 | 64 65 66 67 | 68 00 00 00", 0);
        assertTrue(packet.setExtensionValue(1, "xy".getBytes(), 0, 2));
        assertEquals(Hex.normalize(FIXED_X + "be de 00 03 11 78 79 00 00 00 00 00 00 00 00 00"), packetHex(buf));
        assertTrue(packet.extensionEquals(1, "xy".getBytes()));
        assertTrue(packet.setExtensionValue(1, "abcdefgh".getBytes(), 0, 8));
        assertEquals(Hex.normalize(FIXED_X + "be de 00 03 17 61 62 63 64 65 66 67 68 00 00 00"), packetHex(buf));
        assertTrue(packet.setExtensionValue(1, "abcdefghijk".getBytes(), 0, 11));
        assertFalse(packet.setExtensionValue(1, new byte[17], 0, 17));
        assertFalse(packet.setExtensionValue(1, new byte[0], 0, 0));
        assertFalse(packet.setExtensionValue(2, "x".getBytes(), 0, 1));
    }

    @Test
    void setExtensionValueCannotGrowOverTheNextElement() {
        byte[] buf = wrap(FIXED_X + "| be de 00 02 | 12 61 62 63 | 40 01 00 00", 0);
        assertFalse(packet.setExtensionValue(1, "abcd".getBytes(), 0, 4));
        assertTrue(packet.setExtensionValue(1, "z".getBytes(), 0, 1));
        assertEquals(Hex.normalize(FIXED_X + "be de 00 02 10 7a 00 00 40 01 00 00"), packetHex(buf));
        assertTrue(packet.setExtensionValue(1, "abc".getBytes(), 0, 3));
        assertEquals(Hex.normalize(FIXED_X + "be de 00 02 12 61 62 63 40 01 00 00"), packetHex(buf));
    }

    @Test
    void setExtensionValueInTwoByteForm() {
        byte[] buf = wrap(FIXED_X + "| 10 00 00 02 | 01 03 61 62 | 63 00 00 00", 0);
        assertTrue(packet.setExtensionValue(1, new byte[0], 0, 0));
        assertEquals(Hex.normalize(FIXED_X + "10 00 00 02 01 00 00 00 00 00 00 00"), packetHex(buf));
        assertTrue(packet.setExtensionValue(1, "uvwxyz".getBytes(), 0, 6));
        assertEquals(Hex.normalize(FIXED_X + "10 00 00 02 01 06 75 76 77 78 79 7a"), packetHex(buf));
        assertFalse(packet.setExtensionValue(1, "uvwxyz!".getBytes(), 0, 7));
    }

    @Test
    void operationsOnPacketWithoutExtensionsAreHarmless() {
        byte[] buf = wrap(FIXED + "| aa", 0);
        String before = packetHex(buf);
        packet.rewriteExtensionIds(idMap(1, 2));
        assertEquals(13, packet.compactExtensions());
        assertFalse(packet.removeExtension(1));
        assertFalse(packet.setExtensionValue(1, "a".getBytes(), 0, 1));
        assertFalse(packet.setAbsSendTime(4, 1));
        assertEquals(-1, packet.extensionDataOffset());
        assertEquals(0, packet.extensionDataLength());
        assertEquals(-1, packet.extensionProfile());
        assertEquals(before, packetHex(buf));
    }
}
