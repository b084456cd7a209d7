package io.tributary.worker.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdesByeTest {

    private final SdesPacket sdes = new SdesPacket();
    private final ByePacket bye = new ByePacket();

    @Test
    void writesAndParsesCname() {
        byte[] cname = "user@host".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[24];
        assertEquals(20, SdesPacket.writeCname(out, 2, 1234, cname, 0, cname.length));
        assertEquals(Hex.normalize("81 ca 00 04 00 00 04 d2 01 09 75 73 65 72 40 68 6f 73 74 00"), Hex.of(out, 2, 20));
        assertTrue(sdes.wrap(out, 2, 20));
        assertEquals(1, sdes.chunkCount());
        assertEquals(1234, sdes.chunkSsrc(0));
        int text = sdes.cname(0);
        assertEquals(12, text);
        assertEquals(9, sdes.itemLength(text));
        assertEquals("user@host", new String(out, text, sdes.itemLength(text), StandardCharsets.US_ASCII));
        assertEquals(-1, sdes.findItem(0, SdesPacket.ITEM_NAME));
        assertEquals(-1, sdes.cname(1));
    }

    @Test
    void cnamePaddingAddsAFullWordWhenNeeded() {
        byte[] out = new byte[32];
        // 4 + 2 + 10 = 16 bytes of chunk: the null terminator needs a new word.
        assertEquals(24, SdesPacket.writeCname(out, 0, 1, "0123456789".getBytes(StandardCharsets.US_ASCII), 0, 10));
        assertEquals(Hex.normalize("81 ca 00 05"), Hex.of(out, 0, 4));
        assertEquals(Hex.normalize("00 00 00 00"), Hex.of(out, 20, 4));
        assertTrue(sdes.wrap(out, 0, 24));
        assertEquals(-1, SdesPacket.writeCname(out, 10, 1, new byte[10], 0, 10), "no room");
        assertEquals(-1, SdesPacket.writeCname(new byte[512], 0, 1, new byte[256], 0, 256), "CNAME too long");
    }

    @Test
    void parsesSeveralChunksAndItems() {
        byte[] buf = Hex.bytes("82 ca 00 05 | 00 00 00 01 01 01 61 07 02 68 69 00 | 00 00 00 02 02 01 62 00");
        assertTrue(sdes.wrap(buf, 0, buf.length));
        assertEquals(2, sdes.chunkCount());
        assertEquals(1, sdes.chunkSsrc(0));
        assertEquals(2, sdes.chunkSsrc(1));
        assertEquals(10, sdes.cname(0));
        assertEquals(13, sdes.findItem(0, SdesPacket.ITEM_NOTE));
        assertEquals(2, sdes.itemLength(13));
        assertEquals(-1, sdes.cname(1));
        assertEquals(22, sdes.findItem(1, SdesPacket.ITEM_NAME));
    }

    @Test
    void emptySdesIsValid() {
        byte[] buf = Hex.bytes("80 ca 00 00");
        assertTrue(sdes.wrap(buf, 0, 4));
        assertEquals(0, sdes.chunkCount());
    }

    @Test
    void rejectsMalformedSdes() {
        assertFalse(sdes.wrap(Hex.bytes("81 ca 00 02 00 00 00 01 01 05 61 62"), 0, 12), "item past the end");
        assertFalse(sdes.wrap(Hex.bytes("81 ca 00 02 00 00 00 01 01 02 61 62"), 0, 12), "no null terminator");
        assertFalse(sdes.wrap(Hex.bytes("82 ca 00 02 00 00 00 01 01 01 61 00"), 0, 12), "second chunk missing");
        assertFalse(sdes.wrap(Hex.bytes("81 ca 00 01 00 00 00 01"), 0, 8), "chunk without items");
        assertFalse(sdes.wrap(Hex.bytes("81 ca 00 02 00 00 00 01 01"), 0, 9), "length field beyond bytes");
    }

    @Test
    void byeWithAndWithoutReason() {
        byte[] out = new byte[12];
        assertEquals(8, ByePacket.write(out, 0, 1234));
        assertEquals(Hex.normalize("81 cb 00 01 00 00 04 d2"), Hex.of(out, 0, 8));
        assertTrue(bye.wrap(out, 0, 8));
        assertEquals(1, bye.ssrcCount());
        assertEquals(1234, bye.ssrc(0));
        assertEquals(-1, bye.reasonOffset());
        assertEquals(0, bye.reasonLength());

        assertEquals(12, ByePacket.write(out, 0, new int[] {1, 2, 3}, 2));
        assertEquals(Hex.normalize("82 cb 00 02 00 00 00 01 00 00 00 02"), Hex.of(out, 0, 12));
        assertEquals(-1, ByePacket.write(out, 0, new int[] {1}, 2));
        assertEquals(-1, ByePacket.write(out, 0, new int[0], 0));
        assertEquals(-1, ByePacket.write(out, 8, 1));

        byte[] withReason = Hex.bytes("81 cb 00 03 00 00 04 d2 07 62 79 65 20 62 79 65");
        assertTrue(bye.wrap(withReason, 0, withReason.length));
        assertEquals(9, bye.reasonOffset());
        assertEquals("bye bye", new String(withReason, bye.reasonOffset(), bye.reasonLength(), StandardCharsets.US_ASCII));
    }

    @Test
    void rejectsMalformedBye() {
        assertFalse(bye.wrap(Hex.bytes("81 cb 00 02 00 00 04 d2 09 61 62 63"), 0, 12), "reason past the end");
        assertFalse(bye.wrap(Hex.bytes("82 cb 00 01 00 00 04 d2"), 0, 8), "SSRC list past the end");
    }
}
