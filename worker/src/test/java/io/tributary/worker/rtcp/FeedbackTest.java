package io.tributary.worker.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackTest {

    private final NackPacket nack = new NackPacket();
    private final PliPacket pli = new PliPacket();
    private final FirPacket fir = new FirPacket();
    private final RembPacket remb = new RembPacket();

    private static List<Integer> lost(NackPacket nack) {
        List<Integer> out = new ArrayList<>();
        nack.forEachLost(out::add);
        return out;
    }

    @Test
    void parsesNackItems() {
        byte[] buf = Hex.bytes("81 cd 00 04 | 00 00 00 01 | 00 00 00 02 | 00 64 80 01 | ff ff 00 01");
        assertTrue(nack.wrap(buf, 0, buf.length));
        assertEquals(1, nack.senderSsrc());
        assertEquals(2, nack.mediaSsrc());
        assertEquals(2, nack.itemCount());
        assertEquals(100, nack.packetId(0));
        assertEquals(0x8001, nack.lostBitmask(0));
        assertEquals(List.of(100, 101, 116, 65535, 0), lost(nack));
        assertEquals(5, nack.lostCount());
    }

    @Test
    void buildsNackItemsFromLostSequenceNumbers() {
        int[] seqs = {100, 101, 116, 117, 200};
        byte[] out = new byte[64];
        assertEquals(3, NackPacket.itemCount(seqs, 0, seqs.length));
        int n = NackPacket.write(out, 0, 1, 2, seqs, 0, seqs.length);
        assertEquals(24, n);
        assertEquals(Hex.normalize("81 cd 00 05 00 00 00 01 00 00 00 02 00 64 80 01 00 75 00 00 00 c8 00 00"),
                Hex.of(out, 0, n));
        assertTrue(nack.wrap(out, 0, n));
        assertEquals(List.of(100, 101, 116, 117, 200), lost(nack));
    }

    @Test
    void nackWrapsAroundAndToleratesDuplicates() {
        int[] seqs = {9, 65535, 0, 0, 3, 9};
        byte[] out = new byte[32];
        int n = NackPacket.write(out, 0, 1, 2, seqs, 1, 4);
        assertEquals(16, n);
        assertEquals(Hex.normalize("ff ff 00 09"), Hex.of(out, 12, 4));
        assertTrue(nack.wrap(out, 0, n));
        assertEquals(List.of(65535, 0, 3), lost(nack));
        assertEquals(-1, NackPacket.write(out, 0, 1, 2, seqs, 0, 0), "nothing lost");
        assertEquals(-1, NackPacket.write(out, 0, 1, 2, seqs, 4, 3), "range past the array");
        assertEquals(-1, NackPacket.write(out, 20, 1, 2, seqs, 0, 1), "no room");
    }

    @Test
    void unsortedInputStillGivesACorrectNack() {
        int[] seqs = {50, 10, 11, 49};
        byte[] out = new byte[64];
        int n = NackPacket.write(out, 0, 1, 2, seqs, 0, seqs.length);
        assertTrue(nack.wrap(out, 0, n));
        List<Integer> got = lost(nack);
        got.sort(null);
        assertEquals(List.of(10, 11, 49, 50), got);
    }

    @Test
    void rejectsNackWithoutItemsOrWrongFmt() {
        assertFalse(nack.wrap(Hex.bytes("81 cd 00 02 00 00 00 01 00 00 00 02"), 0, 12), "no items");
        assertFalse(nack.wrap(Hex.bytes("83 cd 00 03 00 00 00 01 00 00 00 02 00 01 00 00"), 0, 16), "TMMBR");
        assertFalse(nack.wrap(Hex.bytes("81 cd 00 01 00 00 00 01"), 0, 8), "no media SSRC");
    }

    @Test
    void pliRoundTrip() {
        byte[] out = new byte[12];
        assertEquals(12, PliPacket.write(out, 0, 0x01020304, 0x0a0b0c0d));
        assertEquals(Hex.normalize("81 ce 00 02 01 02 03 04 0a 0b 0c 0d"), Hex.of(out, 0, 12));
        assertTrue(pli.wrap(out, 0, 12));
        assertEquals(0x01020304, pli.senderSsrc());
        assertEquals(0x0a0b0c0d, pli.mediaSsrc());
        assertFalse(fir.wrap(out, 0, 12));
        assertEquals(-1, PliPacket.write(out, 1, 1, 1));
    }

    @Test
    void firRoundTrip() {
        byte[] out = new byte[20];
        assertEquals(20, FirPacket.write(out, 0, 1, 0, 0x0a0b0c0d, 261));
        assertEquals(Hex.normalize("84 ce 00 04 00 00 00 01 00 00 00 00 0a 0b 0c 0d 05 00 00 00"), Hex.of(out, 0, 20));
        assertTrue(fir.wrap(out, 0, 20));
        assertEquals(1, fir.entryCount());
        assertEquals(0x0a0b0c0d, fir.entrySsrc(0));
        assertEquals(5, fir.entrySequenceNumber(0));
        assertEquals(0, fir.mediaSsrc());
        assertFalse(pli.wrap(out, 0, 20));

        byte[] two = Hex.bytes("84 ce 00 06 00 00 00 01 00 00 00 00 | 00 00 00 0a 01 00 00 00 | 00 00 00 0b 02 00 00 00");
        assertTrue(fir.wrap(two, 0, two.length));
        assertEquals(2, fir.entryCount());
        assertEquals(11, fir.entrySsrc(1));
        assertEquals(2, fir.entrySequenceNumber(1));
        assertFalse(fir.wrap(Hex.bytes("84 ce 00 02 00 00 00 01 00 00 00 00"), 0, 12), "no entries");
    }

    @Test
    void rembRoundTrip() {
        byte[] buf = Hex.bytes("8f ce 00 05 | 00 00 00 01 | 00 00 00 00 | 52 45 4d 42 | 01 0b d0 90 | 00 00 04 d2");
        assertTrue(remb.wrap(buf, 0, buf.length));
        assertEquals(1_000_000L, remb.bitrate());
        assertEquals(1, remb.ssrcCount());
        assertEquals(1234, remb.ssrc(0));
        assertEquals(1, remb.senderSsrc());

        byte[] out = new byte[32];
        assertEquals(24, RembPacket.write(out, 0, 1, 1_000_000L, new int[] {1234}, 1));
        assertEquals(Hex.of(buf, 0, buf.length), Hex.of(out, 0, 24));

        assertEquals(20, RembPacket.write(out, 0, 1, 300_000L, null, 0));
        assertTrue(remb.wrap(out, 0, 20));
        assertEquals(300_000L, remb.bitrate(), "exact when the mantissa can hold it after shifting");
        assertEquals(0, remb.ssrcCount());

        RembPacket.write(out, 0, 1, 123_456_789L, null, 0);
        assertTrue(remb.wrap(out, 0, 20));
        long got = remb.bitrate();
        assertTrue(got <= 123_456_789L && got > 123_456_789L - 1024, "rounded down: " + got);

        RembPacket.write(out, 0, 1, Long.MAX_VALUE, null, 0);
        assertTrue(remb.wrap(out, 0, 20));
        assertTrue(remb.bitrate() > Long.MAX_VALUE / 2);
    }

    @Test
    void rembSaturatesAbsurdExponents() {
        byte[] buf = Hex.bytes("8f ce 00 04 | 00 00 00 01 | 00 00 00 00 | 52 45 4d 42 | 00 ff ff ff");
        assertTrue(remb.wrap(buf, 0, buf.length));
        assertEquals(Long.MAX_VALUE, remb.bitrate());
    }

    @Test
    void rejectsOtherAfbAndShortRemb() {
        assertFalse(remb.wrap(Hex.bytes("8f ce 00 04 00 00 00 01 00 00 00 00 52 45 4d 43 00 00 00 01"), 0, 20),
                "not REMB");
        assertFalse(remb.wrap(Hex.bytes("8f ce 00 04 00 00 00 01 00 00 00 00 52 45 4d 42 02 00 00 01"), 0, 20),
                "SSRC list past the end");
        assertFalse(remb.wrap(Hex.bytes("8f ce 00 03 00 00 00 01 00 00 00 00 52 45 4d 42"), 0, 16), "no bitrate");
    }
}
