package io.tributary.worker.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportCcFeedbackTest {

    // base 100, 20 statuses, reference time 258 (x64 ms), feedback count 3;
    // chunks: run of 5 small | 2-bit vector [-, L, s, s, -, -, s] | 1-bit vector [1,0,1,1,0,0,0,1] (+6 unused)
    private static final String FCI = "00 64 00 14 | 00 01 02 03 | 20 05 c9 41 ac 40 |"
            + " 01 02 03 04 05 | ff 9c | 0a 0b | 0c | 0d | 0e 0f | 10";
    private static final String FEEDBACK = "8f cd 00 09 | 00 00 00 01 | 00 00 00 02 | " + FCI;

    private final TransportCcFeedback twcc = new TransportCcFeedback();

    private List<String> packets() {
        List<String> out = new ArrayList<>();
        twcc.forEachPacket((seq, status, delta) -> out.add(seq + ":" + status + ":" + delta));
        return out;
    }

    @Test
    void parsesChunksAndDeltas() {
        byte[] buf = Hex.bytes(FEEDBACK);
        assertTrue(twcc.wrap(buf, 0, buf.length));
        assertEquals(1, twcc.senderSsrc());
        assertEquals(2, twcc.mediaSsrc());
        assertEquals(100, twcc.baseSequenceNumber());
        assertEquals(20, twcc.packetStatusCount());
        assertEquals(258, twcc.referenceTime());
        assertEquals(258 * 64_000L, twcc.referenceTimeMicros());
        assertEquals(3, twcc.feedbackPacketCount());
        assertEquals(13, twcc.receivedCount());
        assertEquals(List.of(
                "100:1:1", "101:1:2", "102:1:3", "103:1:4", "104:1:5",
                "105:0:0", "106:2:-100", "107:1:10", "108:1:11", "109:0:0", "110:0:0", "111:1:12",
                "112:1:13", "113:0:0", "114:1:14", "115:1:15", "116:0:0", "117:0:0", "118:0:0", "119:1:16"),
                packets());
    }

    @Test
    void acceptsPaddingAndNegativeReferenceTime() {
        byte[] buf = Hex.bytes("af cd 00 0a | 00 00 00 01 | 00 00 00 02 | 00 64 00 14 | ff ff fe 03 | 20 05 c9 41 ac 40 |"
                + " 01 02 03 04 05 | ff 9c | 0a 0b | 0c | 0d | 0e 0f | 10 | 00 00 00 04");
        assertTrue(twcc.wrap(buf, 0, buf.length));
        assertEquals(-2, twcc.referenceTime());
        assertEquals(20, packets().size());
    }

    @Test
    void sequenceNumbersWrap() {
        byte[] buf = Hex.bytes("8f cd 00 06 | 00 00 00 01 | 00 00 00 02 | ff fe 00 03 | 00 00 00 00 | 20 03 01 02 | 03 00 00 00");
        assertTrue(twcc.wrap(buf, 0, buf.length));
        assertEquals(List.of("65534:1:1", "65535:1:2", "0:1:3"), packets());
    }

    @Test
    void zeroStatusesIsEmpty() {
        byte[] buf = Hex.bytes("8f cd 00 04 | 00 00 00 01 | 00 00 00 02 | 00 01 00 00 | 00 00 00 00");
        assertTrue(twcc.wrap(buf, 0, buf.length));
        assertEquals(List.of(), packets());
    }

    @Test
    void rejectsMalformedFeedback() {
        byte[] buf = Hex.bytes(FEEDBACK);
        byte[] cut = buf.clone();
        cut[3] = 8;
        assertFalse(twcc.wrap(cut, 0, 36), "deltas cut off");
        byte[] moreStatuses = buf.clone();
        moreStatuses[15] = 40;
        assertFalse(twcc.wrap(moreStatuses, 0, moreStatuses.length), "chunks do not cover the count");
        byte[] reserved = Hex.bytes("8f cd 00 05 | 00 00 00 01 | 00 00 00 02 | 00 00 00 01 | 00 00 00 00 | 60 01 00 00");
        assertFalse(twcc.wrap(reserved, 0, reserved.length), "reserved status symbol");
        assertFalse(twcc.wrap(Hex.bytes("8f cd 00 03 00 00 00 01 00 00 00 02 00 01 00 00"), 0, 16), "FCI cut");
        assertFalse(twcc.wrap(Hex.bytes("81 cd 00 04 00 00 00 01 00 00 00 02 00 01 00 00 00 00 00 00"), 0, 20),
                "a NACK is not transport-cc");
    }

    @Test
    void symbolDecoding() {
        assertEquals(0x1FFF, TransportCcFeedback.symbolCount(0x1FFF));
        assertEquals(14, TransportCcFeedback.symbolCount(0x8000));
        assertEquals(7, TransportCcFeedback.symbolCount(0xC000));
        assertEquals(1, TransportCcFeedback.symbol(0xA000, 0));
        assertEquals(0, TransportCcFeedback.symbol(0xA000, 1));
        assertEquals(1, TransportCcFeedback.symbol(0x8001, 13));
        assertEquals(2, TransportCcFeedback.symbol(0xE000, 0));
        assertEquals(3, TransportCcFeedback.symbol(0xC003, 6));
    }
}
