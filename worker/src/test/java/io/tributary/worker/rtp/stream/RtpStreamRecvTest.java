package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.rtcp.NtpTime;
import io.tributary.worker.rtcp.ReceiverReport;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.RtxCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtpStreamRecvTest {

    private static final int SSRC = 1111;
    private static final int RTX_SSRC = 2222;
    private static final int PT = 96;
    private static final int RTX_PT = 97;

    private final List<int[]> nacks = new ArrayList<>();
    private final List<Integer> firs = new ArrayList<>();
    private final List<String> scores = new ArrayList<>();
    private int plis;
    private final RtpStreamRecv.Listener listener = new RtpStreamRecv.Listener() {
        @Override
        public void onSendNack(RtpStreamRecv stream, int[] seqs, int count) {
            nacks.add(Arrays.copyOf(seqs, count));
        }

        @Override
        public void onSendPli(RtpStreamRecv stream) {
            plis++;
        }

        @Override
        public void onSendFir(RtpStreamRecv stream, int sequenceNumber) {
            firs.add(sequenceNumber);
        }

        @Override
        public void onScore(RtpStreamRecv stream, int score, int previousScore) {
            scores.add(previousScore + ">" + score);
        }
    };

    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final byte[] rtcp = new byte[1500];
    private final ReceiverReport rr = new ReceiverReport();
    private final ReportBlock block = new ReportBlock();

    static RtpStreamParams params(boolean nack, boolean rtx, boolean pli, boolean fir) {
        return new RtpStreamParams(0, SSRC, PT, "video/VP8", 90000, null, "cname", rtx ? (long) RTX_SSRC : null,
                rtx ? RTX_PT : null, nack, pli, fir, false, false, 1, 1);
    }

    private RtpStreamRecv stream(RtpStreamParams params) {
        return new RtpStreamRecv(params, listener, PacketInspector.NONE, 0, false, 0);
    }

    private static RtpPacket media(int seq, long ts) {
        return TestPackets.rtp(PT, seq, ts, SSRC, 100);
    }

    /** The report block the stream writes now, parsed back. */
    private ReportBlock report(RtpStreamRecv stream, long nowMs) {
        writer.reset(rtcp, 0, rtcp.length);
        writer.addReceiverReport(1);
        assertTrue(stream.addReceiverReportBlock(writer, 0, nowMs));
        assertTrue(rr.wrap(rtcp, 0, writer.length()));
        assertTrue(rr.reportBlock(0, block));
        return block;
    }

    @Test
    void lossPerIntervalAndCumulative() {
        RtpStreamRecv stream = stream(params(false, false, false, false));
        for (int seq = 1; seq <= 10; seq++) {
            if (seq != 3 && seq != 7) {
                assertTrue(stream.receivePacket(media(seq, seq * 3000L), seq * 33L));
            }
        }
        ReportBlock first = report(stream, 400);
        assertEquals(SSRC, first.ssrc());
        assertEquals(51, first.fractionLost(), "2 of 10: round(512 / 10)");
        assertEquals(2, first.cumulativeLost());
        assertEquals(10, first.extendedHighestSequenceNumber());
        assertEquals(0, first.lastSenderReport());
        assertEquals(0, first.delaySinceLastSenderReport());
        for (int seq = 11; seq <= 20; seq++) {
            stream.receivePacket(media(seq, seq * 3000L), seq * 33L);
        }
        stream.receivePacket(media(7, 7 * 3000L), 700);
        ReportBlock second = report(stream, 800);
        assertEquals(0, second.fractionLost(), "the late packet makes up for nothing lost here");
        assertEquals(1, second.cumulativeLost(), "and lowers the cumulative loss");
        RtpStreamRecvStats stats = stream.getStats(800);
        assertEquals(1, stats.packetsLost());
        assertEquals(0, stats.fractionLost());
        assertEquals(19, stats.packetCount());
        assertEquals(19 * 112, stats.byteCount());
    }

    @Test
    void extendedHighestAcrossWrap() {
        RtpStreamRecv stream = stream(params(false, false, false, false));
        for (int seq = 65530; seq < 65536 + 6; seq++) {
            if (seq != 65536 + 2) {
                stream.receivePacket(media(seq & 0xFFFF, seq * 10L), 0);
            }
        }
        ReportBlock b = report(stream, 0);
        assertEquals(0x1_0005L, b.extendedHighestSequenceNumber());
        assertEquals(1, b.cumulativeLost());
        assertEquals(21, b.fractionLost(), "1 of 12");
    }

    @Test
    void jitterMatchesAHandComputedValue() {
        RtpStreamRecv stream = stream(params(false, false, false, false));
        // 20 ms frames at 90 kHz (1800 ticks); the third arrives 5 ms late.
        long[] arrivals = {1000, 1020, 1045, 1060, 1080};
        for (int i = 0; i < arrivals.length; i++) {
            stream.receivePacket(media(i, 1800L * i), arrivals[i]);
        }
        // Transits 0, 0, 450, 0, 0 ticks: J = 0, 0, 28.125, 54.49, 51.09.
        assertEquals(51, report(stream, 1100).jitter());
        assertEquals(51, stream.getStats(1100).jitter());
        stream.pause();
        assertEquals(0, stream.getStats(1100).jitter(), "pausing resets the jitter");
    }

    @Test
    void senderReportGivesLsrAndDlsr() {
        RtpStreamRecv stream = stream(params(false, false, false, false));
        stream.receivePacket(media(1, 1000), 900);
        assertFalse(stream.hasSenderReport());
        long ntp = NtpTime.fromUnixMillis(1_700_000_000_250L);
        stream.receiveSenderReport(ntp, 123_456, 1000);
        assertTrue(stream.hasSenderReport());
        assertEquals(1_700_000_000_250L, stream.senderReportNtpMs());
        assertEquals(123_456, stream.senderReportRtpTimestamp());
        ReportBlock b = report(stream, 1500);
        assertEquals(NtpTime.compact(ntp), b.lastSenderReport());
        assertEquals(0x8000, b.delaySinceLastSenderReport(), "500 ms in 1/65536 s");
    }

    @Test
    void nackWithoutRtxCountsTheResentPacketAsRepaired() {
        RtpStreamRecv stream = stream(params(true, false, true, false));
        stream.receivePacket(media(1, 0), 0);
        stream.receivePacket(media(4, 0), 0);
        assertEquals(1, nacks.size());
        assertArrayEquals(new int[] {2, 3}, nacks.get(0));
        stream.receivePacket(media(2, 0), 10);
        RtpStreamRecvStats stats = stream.getStats(20);
        assertEquals(1, stats.nackCount());
        assertEquals(2, stats.nackPacketCount());
        assertEquals(1, stats.packetsRetransmitted());
        assertEquals(1, stats.packetsRepaired());
        stream.onTimer(100);
        assertArrayEquals(new int[] {3}, nacks.get(1), "the timer retries what is still missing");
    }

    @Test
    void rtxRecoversMissingPacketsOnlyOnce() {
        RtpStreamRecv stream = stream(params(true, true, true, false));
        RtpPacket original = media(2, 5000);
        byte[] originalBytes = Arrays.copyOf(original.buffer(), original.length());
        stream.receivePacket(media(1, 2000), 0);
        stream.receivePacket(media(3, 8000), 0);
        assertArrayEquals(new int[] {2}, nacks.get(0));

        RtpPacket rtx = rtx(original, 500);
        assertTrue(stream.receiveRtxPacket(rtx, 10));
        assertArrayEquals(originalBytes, Arrays.copyOf(rtx.buffer(), rtx.length()), "decoded in place");
        assertEquals(SSRC, rtx.ssrc());

        assertFalse(stream.receiveRtxPacket(rtx(original, 501), 11), "already recovered");
        RtpPacket wrongType = rtx(original, 502);
        wrongType.setPayloadType(RTX_PT + 1);
        assertFalse(stream.receiveRtxPacket(wrongType, 12));
        RtpPacket probe = TestPackets.paddingOnly(RTX_PT, 503, 0, RTX_SSRC, 200);
        assertFalse(stream.receiveRtxPacket(probe, 13), "a padding probe carries no packet");

        RtpStreamRecvStats stats = stream.getStats(20);
        assertEquals(2, stats.packetsRetransmitted(), "every decoded RTX packet");
        assertEquals(1, stats.packetsRepaired());
        assertEquals(3, stats.packetCount());
        assertEquals(Long.valueOf(RTX_SSRC), stats.rtxSsrc());
        assertNull(stats.rtxPacketsDiscarded());
        writer.reset(rtcp, 0, rtcp.length);
        writer.addReceiverReport(1);
        assertTrue(stream.addRtxReceiverReportBlock(writer, 20));
        rr.wrap(rtcp, 0, writer.length());
        rr.reportBlock(0, block);
        assertEquals(RTX_SSRC, block.ssrc());
        assertEquals(503, block.extendedHighestSequenceNumber());
        assertEquals(1, block.cumulativeLost(), "502 had the wrong payload type: refused, so missing");
    }

    @Test
    void rtxFillsAHoleEvenBeforeItsNack() {
        RtpStreamRecv stream = new RtpStreamRecv(params(true, true, true, false), listener, PacketInspector.NONE, 10,
                false, 0);
        stream.receivePacket(media(1, 0), 0);
        stream.receivePacket(media(3, 0), 0);
        assertTrue(nacks.isEmpty(), "the send delay holds the NACK");
        assertTrue(stream.receiveRtxPacket(rtx(media(2, 0), 7), 5));
        stream.onTimer(40);
        assertTrue(nacks.isEmpty(), "nothing left to ask");
        assertEquals(1, stream.getStats(40).packetsRepaired());
    }

    @Test
    void rtxAheadOfTheStreamIsNotNackedLater() {
        RtpStreamRecv stream = stream(params(true, true, true, false));
        stream.receivePacket(media(10, 0), 0);
        assertFalse(stream.receiveRtxPacket(rtx(media(12, 0), 1), 1), "not missing yet");
        stream.receivePacket(media(14, 0), 2);
        assertArrayEquals(new int[] {11, 13}, nacks.get(0));
    }

    @Test
    void rtxWithoutNackOrWithABadSequenceIsRefused() {
        RtpStreamRecv noNack = stream(params(false, true, true, false));
        noNack.receivePacket(media(1, 0), 0);
        assertFalse(noNack.receiveRtxPacket(rtx(media(0, 0), 1), 1));

        RtpStreamRecv stream = stream(params(true, true, true, false));
        stream.receivePacket(media(1, 0), 0);
        stream.receivePacket(media(3, 0), 0);
        assertTrue(stream.receiveRtxPacket(rtx(media(2, 0), 100), 1));
        assertFalse(stream.receiveRtxPacket(rtx(media(2, 0), 30_000), 2));
        assertEquals(Long.valueOf(1), stream.getStats(3).rtxPacketsDiscarded());
    }

    @Test
    void keyFrameRequestsUsePliThenFirWithItsSequenceNumber() {
        RtpStreamRecv pli = stream(params(true, false, true, true));
        pli.requestKeyFrame();
        assertEquals(1, plis);
        assertTrue(firs.isEmpty());
        assertEquals(1, pli.getStats(0).pliCount());

        RtpStreamRecv fir = stream(params(true, false, false, true));
        fir.requestKeyFrame();
        fir.requestKeyFrame();
        assertEquals(List.of(1, 2), firs);
        assertEquals(2, fir.getStats(0).firCount());

        RtpStreamRecv none = stream(params(true, false, false, false));
        none.requestKeyFrame();
        assertEquals(1, plis);
        assertEquals(2, firs.size());
    }

    @Test
    void tooManyLostPacketsAskForAKeyFrame() {
        RtpStreamRecv stream = stream(params(true, false, true, false));
        stream.receivePacket(media(1, 0), 0);
        stream.receivePacket(media(1003, 0), 0);
        assertEquals(1, plis);
        assertTrue(nacks.isEmpty());
    }

    @Test
    void scoreFollowsLossReportedOnEachSenderReport() {
        RtpStreamRecv stream = stream(params(false, false, false, false));
        int seq = 0;
        long now = 0;
        // One interval with 5 % loss, then three clean ones: samples 8, 10, 10, 10.
        for (int interval = 0; interval < 4; interval++) {
            for (int i = 0; i < 100; i++, seq++) {
                if (interval > 0 || i % 20 != 7) {
                    stream.receivePacket(media(seq, seq * 3000L), now);
                }
            }
            now += 1000;
            stream.receiveSenderReport(NtpTime.fromUnixMillis(now), seq * 3000L, now);
        }
        // Averages: 8; (8 + 20) / 3 = 9.3; (8 + 20 + 30) / 6 = 9.7; (8 + 20 + 30 + 40) / 10 = 9.8.
        assertEquals(List.of("10>8", "8>9", "9>10"), scores);
        assertEquals(10, stream.score());
    }

    @Test
    void heavyLossDrivesTheScoreDown() {
        RtpStreamRecv stream = stream(params(false, false, false, false));
        int seq = 0;
        for (int interval = 1; interval <= 3; interval++) {
            for (int i = 0; i < 100; i++, seq++) {
                if (i % 2 == 0) {
                    stream.receivePacket(media(seq, 0), 0);
                }
            }
            stream.receiveSenderReport(0, 0, interval * 1000L);
        }
        // Half lost, and lost is capped at received: next to nothing delivered, samples of 0.
        assertEquals(List.of("10>0"), scores);
    }

    @Test
    void noPacketsExpectedGivesTen() {
        RtpStreamRecv stream = stream(params(false, false, false, false));
        stream.receivePacket(media(1, 0), 0);
        stream.receiveSenderReport(0, 0, 1000);
        stream.receiveSenderReport(0, 0, 2000);
        assertTrue(scores.isEmpty());
        assertEquals(10, stream.score());
    }

    @Test
    void inactivityDropsTheScoreAndMediaRestoresIt() {
        RtpStreamRecv stream = new RtpStreamRecv(params(false, false, false, false), listener, PacketInspector.NONE, 10,
                true, 0);
        stream.receivePacket(media(1, 0), 100);
        stream.onTimer(1599);
        assertTrue(scores.isEmpty());
        stream.onTimer(1600);
        assertTrue(stream.isInactive());
        assertEquals(List.of("10>0"), scores);
        stream.receiveSenderReport(0, 0, 1700);
        assertEquals(0, stream.score(), "no samples while inactive");
        stream.receivePacket(media(2, 0), 2000);
        assertEquals(List.of("10>0", "0>10"), scores);
        assertEquals(2000, stream.activeSinceMs());
        stream.pause();
        stream.onTimer(10_000);
        assertEquals(10, stream.score(), "no inactivity check while paused");
        stream.resume(10_000);
        stream.onTimer(11_499);
        assertEquals(10, stream.score());
        stream.onTimer(11_500);
        assertEquals(0, stream.score());
    }

    @Test
    void dtxStreamsWaitLongerAndPaddingDoesNotCountAsActivity() {
        RtpStreamParams opus = new RtpStreamParams(0, SSRC, 111, "audio/opus", 48000, null, "c", null, null, false,
                false, false, true, true, 1, 1);
        RtpStreamRecv stream = new RtpStreamRecv(opus, listener, PacketInspector.NONE, 10, true, 0);
        stream.receivePacket(TestPackets.rtp(111, 1, 0, SSRC, 50), 0);
        stream.receivePacket(TestPackets.paddingOnly(111, 2, 0, SSRC, 50), 3000);
        stream.onTimer(4999);
        assertEquals(10, stream.score());
        stream.onTimer(5000);
        assertEquals(0, stream.score());
        assertEquals(1, stream.getStats(5000).packetCount(), "padding is not media");
        assertEquals(0, report(stream, 5000).cumulativeLost(), "but it is not lost either");
    }

    @Test
    void invalidSequenceNumbersAreDiscarded() {
        RtpStreamRecv stream = stream(params(false, false, false, false));
        stream.receivePacket(media(100, 0), 0);
        assertFalse(stream.receivePacket(media(20_000, 0), 1));
        assertTrue(stream.receivePacket(media(101, 0), 2));
        assertEquals(1, stream.getStats(3).packetsDiscarded());
        assertEquals(2, stream.getStats(3).packetCount());
    }

    @Test
    void inBandFecReportsTheWorstRemoteLoss() {
        RtpStreamParams opus = new RtpStreamParams(0, SSRC, 111, "audio/opus", 48000, null, "c", null, null, false,
                false, false, true, false, 1, 1);
        RtpStreamRecv stream = new RtpStreamRecv(opus, listener, PacketInspector.NONE, 10, false, 0);
        for (int seq = 0; seq < 100; seq++) {
            stream.receivePacket(TestPackets.rtp(111, seq, seq * 960L, SSRC, 50), seq * 20L);
        }
        writer.reset(rtcp, 0, rtcp.length);
        writer.addReceiverReport(1);
        assertTrue(stream.addReceiverReportBlock(writer, 64, 2000));
        rr.wrap(rtcp, 0, writer.length());
        rr.reportBlock(0, block);
        assertEquals(64, block.fractionLost());
        assertEquals(25, block.cumulativeLost(), "64/256 of the 100 expected");
        assertEquals(0, stream.getStats(2000).fractionLost(), "the stats keep the local figure");
    }

    @Test
    void rttFromXrPacesNacks() {
        RtpStreamRecv stream = stream(params(true, false, true, false));
        long now = 10_000;
        int lastRr = NtpTime.compact(NtpTime.fromUnixMillis(now - 300));
        stream.receiveXrDelaySinceLastRr(lastRr, NtpTime.millisToCompact(250), now);
        assertEquals(50, stream.rttMs(), 0.1);
        stream.receivePacket(media(1, 0), now);
        stream.receivePacket(media(3, 0), now);
        stream.onTimer(now + 49);
        assertEquals(1, nacks.size());
        stream.onTimer(now + 50);
        assertEquals(2, nacks.size());
    }

    @Test
    void bitrateByLayerIsCumulative() {
        RtpStreamParams vp8 = new RtpStreamParams(0, SSRC, PT, "video/VP8", 90000, "r0", "c", null, null, false,
                true, false, false, false, 1, 3);
        // The first payload byte stands for the temporal layer here.
        PacketInspector byFirstByte = (packet, info) -> info.set(false, 0, packet.buffer()[packet.payloadOffset()]);
        RtpStreamRecv stream = new RtpStreamRecv(vp8, listener, byFirstByte, 10, false, 0);
        int seq = 0;
        for (long t = 0; t < 2500; t += 10) {
            RtpPacket p = media(seq++, t * 90);
            p.buffer()[p.payloadOffset()] = (byte) (seq % 2 == 0 ? 0 : 1);
            stream.receivePacket(p, t);
        }
        // 112 bytes every 20 ms per layer over a 2.5 s window: 44.8 kbps each.
        Map<String, Long> byLayer = stream.getStats(2499).bitrateByLayer();
        assertEquals(List.of("0.0", "0.1", "0.2"), List.copyOf(byLayer.keySet()));
        assertEquals(44_800, byLayer.get("0.0"));
        assertEquals(89_600, byLayer.get("0.1"));
        assertEquals(0, byLayer.get("0.2"), "not received");
        assertEquals(89_600, stream.bitrate(2499));
        assertEquals(89_600, stream.spatialLayerBitrate(2499, 0));
        assertEquals(44_800, stream.layerBitrate(2499, 0, 1));
    }

    @Test
    void statsSerializeAsMediasoupDoes() throws Exception {
        RtpStreamRecv stream = stream(params(true, true, true, false));
        stream.receivePacket(media(1, 0), 0);
        stream.receivePacket(media(2, 0), 20);
        String json = new ObjectMapper().writeValueAsString(stream.getStats(1000));
        assertEquals("{\"timestamp\":1000,\"ssrc\":1111,\"rtxSsrc\":2222,\"kind\":\"video\",\"mimeType\":\"video/VP8\","
                + "\"packetsLost\":0,\"fractionLost\":0,\"packetsDiscarded\":0,\"packetsRetransmitted\":0,"
                + "\"packetsRepaired\":0,\"nackCount\":0,\"nackPacketCount\":0,\"pliCount\":0,\"firCount\":0,"
                + "\"score\":10,\"roundTripTime\":0,\"type\":\"inbound-rtp\",\"jitter\":112,\"byteCount\":224,"
                + "\"packetCount\":2,\"bitrate\":717,\"bitrateByLayer\":{}}", json);
        RtpStreamParams big = new RtpStreamParams(0, 0xFFFF_FFFEL, PT, "video/VP8", 90000, "h", "c", null, null,
                false, false, false, false, false, 1, 1);
        assertTrue(new ObjectMapper().writeValueAsString(new RtpStreamRecv(big, listener, PacketInspector.NONE, 0,
                false, 0).getStats(0)).startsWith("{\"timestamp\":0,\"ssrc\":4294967294,\"rid\":\"h\","),
                "unsigned SSRC and the rid when there is one");
        RtpStreamParams emptyRid = new RtpStreamParams(0, 1, PT, "video/VP8", 90000, "", "c", null, null, false,
                false, false, false, false, 1, 1);
        assertNull(emptyRid.rid(), "an empty rid is none, as mediasoup reports it");
    }

    @Test
    void dumpShowsParamsAndRtxStream() throws Exception {
        RtpStreamRecv stream = stream(params(true, true, true, false));
        assertEquals("{\"params\":{\"encodingIdx\":0,\"ssrc\":1111,\"payloadType\":96,\"mimeType\":\"video/VP8\","
                + "\"clockRate\":90000,\"cname\":\"cname\",\"rtxSsrc\":2222,\"rtxPayloadType\":97,\"useNack\":true,"
                + "\"usePli\":true,\"useFir\":false,\"useInBandFec\":false,\"useDtx\":false,\"spatialLayers\":1,"
                + "\"temporalLayers\":1},\"score\":10,\"rtxStream\":{\"params\":{\"ssrc\":2222,\"payloadType\":97,"
                + "\"mimeType\":\"video/rtx\",\"clockRate\":90000,\"cname\":\"cname\"}}}",
                new ObjectMapper().writeValueAsString(stream.dump()));
    }

    private static RtpPacket rtx(RtpPacket original, int rtxSeq) {
        byte[] buf = new byte[1500];
        int length = RtxCodec.encode(original, buf, 0, RTX_PT, RTX_SSRC, rtxSeq);
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(buf, 0, length));
        return packet;
    }
}
