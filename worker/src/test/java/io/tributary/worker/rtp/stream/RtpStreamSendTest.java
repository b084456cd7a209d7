package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.rtcp.NackPacket;
import io.tributary.worker.rtcp.NtpTime;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtcp.SenderReport;
import io.tributary.worker.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpStreamSendTest {

    private static final int SSRC = 1111;
    private static final int RTX_SSRC = 2222;
    private static final int PT = 123;
    private static final int RTX_PT = 124;

    private final PacketSlotPool pool = new PacketSlotPool(256);
    private final List<byte[]> resent = new ArrayList<>();
    private final List<String> scores = new ArrayList<>();
    private final RtpStreamSend.Listener listener = new RtpStreamSend.Listener() {
        @Override
        public void onRetransmitRtpPacket(RtpStreamSend stream, RtpPacket packet) {
            resent.add(Arrays.copyOfRange(packet.buffer(), packet.offset(), packet.offset() + packet.length()));
        }

        @Override
        public void onScore(RtpStreamSend stream, int score, int previousScore) {
            scores.add(previousScore + ">" + score);
        }
    };

    private static RtpStreamParams params(String mimeType, boolean nack, boolean rtx) {
        return new RtpStreamParams(0, SSRC, PT, mimeType, mimeType.startsWith("audio") ? 48000 : 90000, null, "c",
                rtx ? (long) RTX_SSRC : null, rtx ? RTX_PT : null, nack, true, false, false, false, 1, 1);
    }

    private RtpStreamSend stream(boolean nack, boolean rtx) {
        return new RtpStreamSend(params("video/VP8", nack, rtx), listener, pool, 1000, 0);
    }

    /** mediasoup's RtpStreamSend scenario: five packets, some reordered or duplicated, all NACKed at once. */
    private List<RtpPacket> sendMediasoupSequence(RtpStreamSend stream) {
        List<RtpPacket> packets = List.of(
                TestPackets.rtp(PT, 21006, 1533790901L, SSRC, 20),
                TestPackets.rtp(PT, 21007, 1533790901L, SSRC, 21),
                TestPackets.rtp(PT, 21008, 1533793871L, SSRC, 22),
                TestPackets.rtp(PT, 21009, 1533793871L, SSRC, 23),
                TestPackets.rtp(PT, 21010, 1533796931L, SSRC, 24));
        for (int i : new int[] {0, 2, 1, 2, 3, 4, 4}) {
            stream.receivePacket(packets.get(i), 10);
        }
        return packets;
    }

    @Test
    void nackIsAnsweredOverRtxByteForByte() {
        RtpStreamSend stream = stream(true, true);
        List<RtpPacket> packets = sendMediasoupSequence(stream);
        assertEquals(5, stream.retransmit(21006, 0b1111, 20));
        assertEquals(5, resent.size());
        for (int i = 0; i < 5; i++) {
            RtpPacket original = packets.get(i);
            byte[] expected = new byte[original.length() + 2];
            System.arraycopy(original.buffer(), 0, expected, 0, 12);
            expected[1] = (byte) RTX_PT;
            int rtxSeq = 1001 + i;
            expected[2] = (byte) (rtxSeq >> 8);
            expected[3] = (byte) rtxSeq;
            expected[8] = 0;
            expected[9] = 0;
            expected[10] = (byte) (RTX_SSRC >> 8);
            expected[11] = (byte) RTX_SSRC;
            expected[12] = (byte) (original.sequenceNumber() >> 8);
            expected[13] = (byte) original.sequenceNumber();
            System.arraycopy(original.buffer(), 12, expected, 14, original.payloadLength());
            assertArrayEquals(expected, resent.get(i), "RTX of " + original.sequenceNumber());
        }
        RtpStreamSendStats stats = stream.getStats(20);
        assertEquals(5, stats.packetsRetransmitted());
        assertEquals(5, stats.packetsRepaired());
        assertEquals(7, stats.packetCount(), "duplicates were sent too");
    }

    @Test
    void withoutRtxTheOriginalIsResent() {
        RtpStreamSend stream = stream(true, false);
        List<RtpPacket> packets = sendMediasoupSequence(stream);
        assertEquals(2, stream.retransmit(21008, 0b10, 20));
        assertArrayEquals(Arrays.copyOf(packets.get(2).buffer(), packets.get(2).length()), resent.get(0));
        assertArrayEquals(Arrays.copyOf(packets.get(4).buffer(), packets.get(4).length()), resent.get(1));
    }

    @Test
    void withoutNackNothingIsStored() {
        RtpStreamSend stream = stream(false, true);
        sendMediasoupSequence(stream);
        assertEquals(0, stream.retransmit(21006, 0b1111, 20));
        assertTrue(resent.isEmpty());
    }

    @Test
    void notResentTwiceWithinAnRtt() {
        RtpStreamSend stream = stream(true, true);
        sendMediasoupSequence(stream);
        assertEquals(1, stream.retransmit(21006, 0, 100));
        assertEquals(0, stream.retransmit(21006, 0, 200), "within the default 100 ms");
        assertEquals(1, stream.retransmit(21006, 0, 201));
        assertEquals(0, stream.retransmit(30000, 0xFFFF, 300), "not stored");
        RtpStreamSendStats stats = stream.getStats(300);
        assertEquals(2, stats.packetsRetransmitted());
        assertEquals(1, stats.packetsRepaired(), "repaired counts the first resend only");
        assertEquals(1002, (resent.get(1)[2] & 0xFF) << 8 | (resent.get(1)[3] & 0xFF),
                "each resend takes the next RTX sequence number");
    }

    @Test
    void nackPacketsAreCountedPerItemAndPacket() {
        RtpStreamSend stream = stream(true, true);
        sendMediasoupSequence(stream);
        byte[] buf = new byte[64];
        int[] lost = {21006, 21007, 21010, 40000};
        int length = NackPacket.write(buf, 0, 1, SSRC, lost, 0, lost.length);
        NackPacket nack = new NackPacket();
        assertTrue(nack.wrap(buf, 0, length));
        stream.receiveNack(nack, 50);
        assertEquals(3, resent.size());
        RtpStreamSendStats stats = stream.getStats(50);
        assertEquals(1, stats.nackCount());
        assertEquals(4, stats.nackPacketCount());
    }

    @Test
    void pauseAndRestartClearTheBuffer() {
        RtpStreamSend stream = stream(true, false);
        sendMediasoupSequence(stream);
        stream.pause();
        assertEquals(0, stream.retransmit(21006, 0b1111, 20));

        RtpStreamSend other = stream(true, false);
        sendMediasoupSequence(other);
        assertFalse(other.receivePacket(TestPackets.rtp(PT, 50_000, 1533800000L, SSRC, 10), 30));
        assertEquals(5, other.retransmissionBuffer().size(), "the first far jump is discarded, not stored");
        assertTrue(other.receivePacket(TestPackets.rtp(PT, 50_001, 1533800100L, SSRC, 10), 31));
        assertEquals(0, other.retransmit(21006, 0b1111, 40), "the sender restarted: old packets are gone");
        assertEquals(1, other.retransmit(50_001, 0, 40));
    }

    @Test
    void audioKeepsOneSecond() {
        RtpStreamSend stream = new RtpStreamSend(params("audio/opus", true, false), listener, pool, 0, 0);
        for (int i = 0; i < 100; i++) {
            stream.receivePacket(TestPackets.rtp(PT, i, 960L * i, SSRC, 50), 20L * i);
        }
        assertEquals(0, stream.retransmit(48, 0, 3000));
        assertEquals(1, stream.retransmit(49, 0, 3000));
    }

    @Test
    void receiverReportGivesLossRttAndScore() {
        RtpStreamSend stream = stream(true, false);
        for (int seq = 0; seq < 100; seq++) {
            stream.receivePacket(TestPackets.rtp(PT, seq, seq * 3000L, SSRC, 100), seq * 10L);
        }
        long now = 2000;
        int lsr = NtpTime.compact(NtpTime.fromUnixMillis(now - 300));
        ReportBlock block = block(10 * 256 / 100, 10, lsr, NtpTime.millisToCompact(250));
        stream.receiveReceiverReport(block, now);
        assertEquals(50.003, stream.rttMs(), 0.001);
        // 10 of 100 sent were lost: 0.9^4 = 0.66.
        assertEquals(List.of("10>7"), scores);
        RtpStreamSendStats stats = stream.getStats(now);
        assertEquals(10, stats.packetsLost());
        assertEquals(25, stats.fractionLost());
        assertEquals(50.003, stats.roundTripTime(), 0.001);

        for (int seq = 100; seq < 200; seq++) {
            stream.receivePacket(TestPackets.rtp(PT, seq, seq * 3000L, SSRC, 100), seq * 10L);
        }
        stream.receiveReceiverReport(block(0, 10, 0, 0), 3000);
        assertEquals(0, stream.rttMs(), "no LSR: no RTT");
        assertEquals(List.of("10>7", "7>9"), scores, "(7 + 2*10) / 3");
        stream.receiveReceiverReport(block(0, 10, 0, 0), 3100);
        assertEquals(List.of("10>7", "7>9", "9>10"), scores, "nothing sent in between: a sample of 10, 57/6 = 9.5");
    }

    @Test
    void senderReportExtrapolatesTheTimestamp() {
        RtpStreamSend stream = stream(true, false);
        byte[] rtcp = new byte[100];
        RtcpCompoundWriter writer = new RtcpCompoundWriter();
        writer.reset(rtcp, 0, rtcp.length);
        assertFalse(stream.addSenderReport(writer, 0), "nothing sent yet");
        stream.receivePacket(TestPackets.rtp(PT, 1, 0xFFFF_FF00L, SSRC, 100), 1000);
        stream.receivePacket(TestPackets.rtp(PT, 2, 0xFFFF_FF00L, SSRC, 50), 1001);
        stream.receivePacket(TestPackets.rtp(PT, 3, 0xFFFF_FF00L + 3000, SSRC, 70), 1033);
        long now = 1_700_000_001_533L;
        assertTrue(stream.addSenderReport(writer, now - 1_700_000_000_000L));
        SenderReport sr = new SenderReport();
        assertTrue(sr.wrap(rtcp, 0, writer.length()));
        assertEquals(SSRC, sr.ssrc());
        assertEquals(NtpTime.fromUnixMillis(1533), sr.ntpTimestamp());
        assertEquals((0xFFFF_FF00L + 3000 + 500 * 90) & 0xFFFF_FFFFL, sr.rtpTimestamp(), "500 ms after the newest, wrapped");
        assertEquals(3, sr.packetCount());
        assertEquals(220, sr.octetCount(), "payload octets");
        assertEquals(1533, stream.senderReportNtpMs());
        assertEquals(sr.rtpTimestamp(), stream.senderReportRtpTimestamp());
    }

    @Test
    void keyFrameRequestsAndScoreResetAreCounted() {
        RtpStreamSend stream = stream(true, true);
        stream.receiveKeyFrameRequest(false);
        stream.receiveKeyFrameRequest(false);
        stream.receiveKeyFrameRequest(true);
        RtpStreamSendStats stats = stream.getStats(0);
        assertEquals(2, stats.pliCount());
        assertEquals(1, stats.firCount());
        stream.resetScore(3, 10);
        stream.resetScore(3, 20);
        stream.resetScore(10, 30);
        assertEquals(List.of("10>3", "3>10"), scores);
    }

    @Test
    void statsSerializeAsMediasoupDoes() throws Exception {
        RtpStreamSend stream = stream(true, true);
        stream.receivePacket(TestPackets.rtp(PT, 1, 0, SSRC, 88), 0);
        assertEquals("{\"timestamp\":500,\"ssrc\":1111,\"rtxSsrc\":2222,\"kind\":\"video\",\"mimeType\":\"video/VP8\","
                + "\"packetsLost\":0,\"fractionLost\":0,\"packetsDiscarded\":0,\"packetsRetransmitted\":0,"
                + "\"packetsRepaired\":0,\"nackCount\":0,\"nackPacketCount\":0,\"pliCount\":0,\"firCount\":0,"
                + "\"score\":10,\"roundTripTime\":0,\"type\":\"outbound-rtp\",\"byteCount\":100,\"packetCount\":1,"
                + "\"bitrate\":320}", new ObjectMapper().writeValueAsString(stream.getStats(500)));
    }

    private static ReportBlock block(int fractionLost, int cumulativeLost, int lsr, int dlsr) {
        byte[] buf = new byte[ReportBlock.LENGTH];
        ReportBlock.write(buf, 0, SSRC, fractionLost, cumulativeLost, 0, 0, lsr, dlsr);
        ReportBlock block = new ReportBlock();
        assertTrue(block.wrap(buf, 0));
        return block;
    }
}
