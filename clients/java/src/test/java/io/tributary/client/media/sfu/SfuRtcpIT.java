package io.tributary.client.media.sfu;

import static io.tributary.client.media.sfu.Sfu.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.media.rtcp.RtcpStats;
import io.tributary.client.media.send.HeaderExtensionIds;
import io.tributary.client.media.send.OutboundStreamStats;
import io.tributary.client.media.send.Publication;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.producer.Producer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SFU terminates RTCP: it NACKs what it lost, repairs over RTX, throttles PLIs, reports SR/RR. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SfuRtcpIT {

    private static final long CAM_SSRC = 4444;

    private final Sfu sfu = new Sfu();

    @AfterEach
    void close() {
        sfu.close();
    }

    private record Session(Sfu.Peer publisher, Publication cam, Sfu.Peer viewer, Consumer consumer, ReceivedStream seen) {
    }

    private Session session() {
        Sfu.Peer publisher = sfu.connect(TransportProtocol.UDP);
        Publication cam = publisher.media().publishVp8(Vp8Options.single("0", CAM_SSRC, CAM_SSRC + 1));
        Producer video = sfu.produce(publisher, cam);
        Sfu.Peer viewer = sfu.connect(TransportProtocol.UDP);
        Consumer consumer = sfu.consume(viewer, video);
        ReceivedStream seen = viewer.media().receive(consumer.rtpParameters());
        join(seen.await(s -> s.frames() >= 10 && s.keyFrames() >= 1));
        return new Session(publisher, cam, viewer, consumer, seen);
    }

    @Test
    void packetsLostOnTheWayInAreNackedAndRepairedOverRtx() {
        Session s = session();
        s.cam().stream().dropNext(3);

        OutboundStreamStats sent = join(s.cam().stream().await(st -> st.rtxPackets() >= 3));
        assertTrue(sent.nackedSequenceNumbers() >= 3, "the SFU must NACK the three lost packets: " + sent);

        long framesNow = s.seen().stats().frames();
        ReceivedStreamStats seen = join(s.seen().await(st -> st.frames() >= framesNow + 30));
        assertEquals(0, seen.lost(), "the viewer must get the repaired packets: " + seen);
        assertEquals(0, seen.corrupt(), "repaired packets carry the original payload: " + seen);
    }

    @Test
    void aViewersNackIsAnsweredFromTheRetransmissionBufferOverRtx() {
        Session s = session();
        int highest = (int) s.seen().stats().highestSequenceNumber();
        s.viewer().media().sendNack(s.seen().ssrc(), highest - 2, highest - 1);

        ReceivedStreamStats seen = join(s.seen().await(st -> st.rtxPackets() >= 2));
        assertTrue(seen.duplicates() + seen.recovered() >= 2, "the resent packets arrive again: " + seen);
        assertEquals(0, seen.corrupt(), "a resent packet carries the original payload: " + seen);
    }

    @Test
    void viewersPlisReachTheProducerAtMostOncePerSecond() {
        Session s = session();
        long start = System.currentTimeMillis();
        CompletableFuture<RtcpStats> threePlis = s.publisher().media().rtcpReceived().awaitPlis(CAM_SSRC, 3);
        // The viewer asks every 100 ms; the publisher answers each PLI with a key frame at once.
        while (!threePlis.isDone() && System.currentTimeMillis() - start < 10_000) {
            s.viewer().media().sendPli(s.seen().ssrc());
            join(s.seen().await(st -> true).thenCompose(x -> CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))));
        }
        RtcpStats publisherRtcp = join(threePlis);
        var consumerStats = (io.tributary.worker.rtp.stream.RtpStreamSendStats) Sfu.await(sfu.worker.loop().call(() ->
                s.consumer().getStats(System.currentTimeMillis()))).get(0);
        assertTrue(consumerStats.pliCount() >= 3, "the consumer counts the viewer's PLIs: " + consumerStats);
        // The SFU spaces them by at least 1000 ms when sending; arrival times carry a few ms of timer jitter.
        assertTrue(publisherRtcp.maxPlisWithin(CAM_SSRC, 990) <= 1,
                "PLIs toward the producer must be at most one per second: " + publisherRtcp.pliArrivalMillis());
    }

    @Test
    void thePublisherGetsTransportCcFeedback() {
        Session s = session();
        RtcpStats atPublisher = join(s.publisher().media().rtcpReceived().await(st -> st.transportCcFeedbacks() >= 10));
        assertEquals(0, atPublisher.malformed(), "feedback must parse: " + atPublisher);
        assertEquals(0, atPublisher.undecryptable(), atPublisher.toString());
    }

    @Test
    void withoutTransportCcThePublisherGetsRemb() {
        Sfu.Peer publisher = sfu.connect(TransportProtocol.UDP);
        Publication cam = publisher.media().publishVp8(Vp8Options.single("0", CAM_SSRC, CAM_SSRC + 1)
                .withExtensions(HeaderExtensionIds.defaults().withoutTransportWideCc()));
        sfu.produce(publisher, cam);
        RtcpStats atPublisher = join(publisher.media().rtcpReceived().await(st -> st.rembs() >= 2));
        assertEquals(0, atPublisher.transportCcFeedbacks(), atPublisher.toString());
        assertTrue(atPublisher.lastRembBitrate() >= 1_000_000, "REMB leaves room to grow: " + atPublisher);
    }

    @Test
    void senderAndReceiverReportsFlowBothWays() {
        Session s = session();
        RtcpStats atPublisher = join(s.publisher().media().rtcpReceived().await(st -> st.receiverReports() >= 2));
        RtcpStats atViewer = join(s.viewer().media().rtcpReceived().await(st -> st.senderReports() >= 2));
        assertTrue(atPublisher.reportBlocks() >= 2, "RRs must carry a block about the producer stream: " + atPublisher);
        assertTrue(atViewer.senderReports() >= 2, atViewer.toString());
        OutboundStreamStats sent = join(s.cam().stream().await(st -> st.reportedFractionLost() >= 0));
        assertEquals(0, sent.reportedFractionLost(), "no loss on loopback: " + sent);
    }
}
