package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtcp.NtpTime;
import io.tributary.worker.rtcp.ReportBlock;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.RtxCodec;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet paths of the stream classes must not allocate once warm: a received stream with
 * losses, NACKs and RTX recovery, a sent stream storing packets and answering NACKs over RTX,
 * sequence number rewriting, key frame bookkeeping and the periodic RTCP work. Measured with the
 * JVM's per-thread allocation counter, as {@code io.tributary.worker.rtp.HotPathAllocationTest}.
 */
class StreamsAllocationTest {

    private static final int ROUNDS = 50_000;
    private static final long TOLERANCE_BYTES = 4096;
    private static final int SSRC = 1111;
    private static final int RTX_SSRC = 2222;
    private static final int PT = 96;
    private static final int RTX_PT = 97;
    private static final int PAYLOAD = 1000;

    private long sink;
    private final RtpStreamRecv.Listener recvListener = new RtpStreamRecv.Listener() {
        @Override
        public void onSendNack(RtpStreamRecv stream, int[] seqs, int count) {
            sink += seqs[0] + count;
        }

        @Override
        public void onSendPli(RtpStreamRecv stream) {
            sink++;
        }

        @Override
        public void onSendFir(RtpStreamRecv stream, int sequenceNumber) {
            sink += sequenceNumber;
        }

        @Override
        public void onScore(RtpStreamRecv stream, int score, int previousScore) {
            sink += score;
        }
    };
    private final RtpStreamSend.Listener sendListener = new RtpStreamSend.Listener() {
        @Override
        public void onRetransmitRtpPacket(RtpStreamSend stream, RtpPacket packet) {
            sink += packet.length();
        }

        @Override
        public void onScore(RtpStreamSend stream, int score, int previousScore) {
            sink += score;
        }
    };

    private final RtpStreamParams params = new RtpStreamParams(0, SSRC, PT, "video/VP8", 90000, null, "c",
            (long) RTX_SSRC, RTX_PT, true, true, false, false, false, 1, 3);
    private final RtpStreamRecv recv = new RtpStreamRecv(params, recvListener,
            (packet, info) -> info.set((packet.sequenceNumber() & 7) == 0, 0, packet.sequenceNumber() % 3), 10,
            true, 0);
    private final PacketSlotPool pool = new PacketSlotPool(4096);
    private final RtpStreamSend send = new RtpStreamSend(params, sendListener, pool, 0, 0);
    private final SeqManager seqManager = SeqManager.forSequenceNumbers(1000);
    private final SeqManager pictureIds = new SeqManager(15, 0);
    private final KeyFrameRequestManager keyFrames = new KeyFrameRequestManager(ssrc -> sink += ssrc, 100);

    private final byte[] mediaBuf = new byte[1500];
    private final byte[] rtxBuf = new byte[1500];
    private final byte[] rtcp = new byte[1500];
    private final byte[] blockBuf = new byte[ReportBlock.LENGTH];
    private final RtpPacket packet = new RtpPacket();
    private final RtpPacket rtx = new RtpPacket();
    private final ReportBlock block = new ReportBlock();
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private int rtxSeq;
    private int rtxLength = -1;

    @Test
    void perPacketPathsDoNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        keyFrames.keyFrameNeeded(SSRC, 0);

        run(0, ROUNDS);
        long before = threads.getCurrentThreadAllocatedBytes();
        run(ROUNDS, ROUNDS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < TOLERANCE_BYTES, "allocated " + allocated + " bytes over " + ROUNDS + " rounds");
        assertTrue(sink != 0);
        assertTrue(recv.getStats(ROUNDS * 20L).packetsRepaired() > 0, "the scenario exercised RTX recovery");
        assertTrue(send.getStats(ROUNDS * 20L).packetsRetransmitted() > 0, "and NACK answers");
    }

    private void run(int from, int rounds) {
        for (int i = from; i < from + rounds; i++) {
            long now = i * 10L;
            int seq = i & 0xFFFF;
            RtpPacket.writeHeader(mediaBuf, 0, (i & 1) == 0, PT, seq, i * 900L, SSRC);
            packet.wrap(mediaBuf, 0, RtpPacket.FIXED_HEADER_LENGTH + PAYLOAD);

            // Receive side: one packet in 50 is lost, then recovered over RTX two packets later.
            if (i % 50 == 7) {
                rtxLength = RtxCodec.encode(packet, rtxBuf, 0, RTX_PT, RTX_SSRC, rtxSeq++ & 0xFFFF);
            } else {
                recv.receivePacket(packet, now);
                sink += recv.packetInfo().temporalLayer();
            }
            if (i % 50 == 9 && rtxLength > 0) {
                rtx.wrap(rtxBuf, 0, rtxLength);
                recv.receiveRtxPacket(rtx, now);
            }
            if (i % 4 == 0) {
                recv.onTimer(now);
            }

            // Send side: store every packet, answer a NACK now and then.
            packet.wrap(mediaBuf, 0, RtpPacket.FIXED_HEADER_LENGTH + PAYLOAD);
            send.receivePacket(packet, now);
            if (i % 50 == 20) {
                send.retransmit((seq - 5) & 0xFFFF, 0b101, now);
            }

            // Rewriting: drop one input in 3 (a temporal layer), reorder now and then.
            if (i % 3 == 2) {
                seqManager.drop(seq);
            } else {
                sink += seqManager.input(seq);
            }
            sink += pictureIds.input(i & 0x7FFF);

            if ((i & 7) == 0) {
                keyFrames.keyFrameNeeded(SSRC, now);
                keyFrames.keyFrameReceived(SSRC);
                keyFrames.onTimer(now);
            }
            if (i % 100 == 0) {
                rtcp(now, i * 900L);
            }
        }
    }

    private void rtcp(long now, long rtpTimestamp) {
        writer.reset(rtcp, 0, rtcp.length);
        send.addSenderReport(writer, now);
        recv.addReceiverReportBlock(writer, 0, now);
        recv.addRtxReceiverReportBlock(writer, now);
        sink += writer.length();
        recv.receiveSenderReport(NtpTime.fromUnixMillis(now), rtpTimestamp, now);
        ReportBlock.write(blockBuf, 0, SSRC, 3, 10, 0, 0, NtpTime.compact(NtpTime.fromUnixMillis(now - 50)),
                NtpTime.millisToCompact(20));
        block.wrap(blockBuf, 0);
        send.receiveReceiverReport(block, now);
        sink += recv.bitrate(now) + send.bitrate(now);
    }
}
