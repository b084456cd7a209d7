package io.tributary.client.media;

import static io.tributary.client.media.EchoEndpoint.echoSsrc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.client.media.receive.ExpectedStream;
import io.tributary.client.media.receive.MediaCodec;
import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.media.rtcp.RtcpStats;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.worker.ortc.TransportProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RTCP between the peer and the endpoint in both directions: reports, feedback, automatic NACK. */
class RtcpFeedbackTest extends EchoTestSupport {

    private static final PeerOptions FAST_REPORTS = PeerOptions.defaults()
            .withReportIntervals(Duration.ofMillis(100), Duration.ofMillis(100));

    @Test
    void senderAndReceiverReportsFlowAndTheRrEchoesTheLastSr() throws Exception {
        connect(TransportProtocol.UDP, FAST_REPORTS);
        peer.publishOpus(OpusOptions.of("0", 7000));
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(7000), OpusOptions.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.OPUS));
        await(echo.awaitPackets(3));

        EchoEndpoint.Stats seen = await(endpoint.await(s -> s.senderReportsBySsrc().getOrDefault(7000L, 0L) >= 2
                && s.receiverReportBlocks() >= 2));
        assertEquals(0, seen.reportBlocksWithLsr(), "no SR from the endpoint yet");
        endpoint.sendSenderReport(echoSsrc(7000));
        endpoint.sendRemb(300_000, 7000);

        RtcpStats rtcp = await(peer.rtcpReceived().await(s -> s.senderReports() == 1 && s.rembs() == 1));
        assertEquals(300_000, rtcp.lastRembBitrate());
        assertEquals(1, echo.stats().senderReports());
        await(endpoint.await(s -> s.reportBlocksWithLsr() >= 1));
    }

    @Test
    void pliFirAndNackReachTheSfu() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        long remote = echoSsrc(7100);

        peer.sendPli(remote);
        peer.sendFir(remote);
        peer.sendNack(remote, 5, 3, 4);

        EchoEndpoint.Stats seen = await(endpoint.await(s -> s.feedback("pli", remote) == 1
                && s.feedback("fir", remote) == 1 && s.feedback("nack", remote) == 1));
        assertEquals(3, seen.rtcp());
    }

    @Test
    void aReceiverWithAutoNackAsksForWhatTheSfuLost() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        peer.publishOpus(OpusOptions.of("0", 7200));
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(7200), OpusOptions.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.OPUS));
        echo.setAutoNack(true);
        await(echo.awaitPackets(3));

        endpoint.dropNextEchoes(2);

        ReceivedStreamStats stats = await(echo.await(s -> s.gapsDetected() == 2));
        assertEquals(2, stats.lost(), "the endpoint does not retransmit");
        EchoEndpoint.Stats seen = await(endpoint.await(s -> s.feedback("nack", echoSsrc(7200)) == 1));
        assertEquals(1, seen.feedback("nack", echoSsrc(7200)), "one NACK for the one gap");
        assertEquals(2, echo.missingSequenceNumbers().length);
    }
}
