package io.tributary.client.media;

import static io.tributary.client.media.EchoEndpoint.echoSsrc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.client.media.ice.IceAgentState;
import io.tributary.client.media.receive.ExpectedStream;
import io.tributary.client.media.receive.MediaCodec;
import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.OutboundStream;
import io.tributary.client.media.send.Publication;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.client.media.receive.ReceivedPacket;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.TransportProtocol;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The peer against an in-test ICE-lite/DTLS/SRTP echo endpoint: media out, echo back, verified. */
class MediaPeerEchoTest extends EchoTestSupport {

    @Test
    void opusOverUdpComesBackIntactAndInOrder() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        Publication audio = peer.publishOpus(OpusOptions.of("0", 1111));
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(1111), OpusOptions.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.OPUS));

        ReceivedStreamStats stats = await(echo.awaitPackets(25));

        assertEquals(IceAgentState.CONNECTED, peer.iceState());
        assertEquals(0, stats.lost());
        assertEquals(0, stats.corrupt());
        assertEquals(0, stats.duplicates());
        assertEquals(0, stats.outOfOrder());
        assertEquals(stats.uniquePackets(), stats.intact());
        assertEquals(1111, stats.streamTag());
        assertTrue(stats.latency().samples() > 0 && stats.latency().maxMicros() < 1_000_000, stats.latency()::toString);
        assertEquals(960, (stats.lastTimestamp() - stats.firstTimestamp()) / (stats.highestSequenceNumber()
                - stats.firstSequenceNumber()), "20 ms at 48 kHz per packet");
        assertEquals(Set.of("0"), endpoint.stats().mids());
        assertEquals(0, peer.transportStats().unprotectFailures());
        assertTrue(audio.stream().stats().packetsSent() >= 25);
    }

    @Test
    void vp8OverTcpComesBackIntactWithKeyFrameAndTemporalLayers() throws Exception {
        connect(TransportProtocol.TCP, PeerOptions.defaults());
        peer.publishVp8(Vp8Options.single("1", 2222, 2223));
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(2222), Vp8Options.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.VP8).withRtx(echoSsrc(2223), Vp8Options.DEFAULT_RTX_PAYLOAD_TYPE));

        ReceivedStreamStats stats = await(echo.await(s -> s.frames() >= 12 && s.keyFrames() >= 1));

        assertEquals(0, stats.lost());
        assertEquals(0, stats.corrupt());
        assertEquals(0, stats.outOfOrder());
        assertEquals(0, stats.pictureIdJumps());
        assertEquals(stats.uniquePackets(), stats.intact());
        assertEquals(0b111, stats.temporalLayers(), "TIDs 0, 1 and 2 of L1T3");
        assertEquals(640, stats.keyFrameWidth());
        assertEquals(360, stats.keyFrameHeight());
        assertTrue(stats.uniquePackets() > stats.frames(), "a 500 kbit/s key frame spans several packets");
    }

    @Test
    void simulcastSendsThreeRidTaggedEncodings() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        Publication video = peer.publishVp8(Vp8Options.simulcast("2", 3000));
        ReceivedStream[] echoes = new ReceivedStream[3];
        for (int i = 0; i < 3; i++) {
            echoes[i] = peer.expect(ExpectedStream.of(echoSsrc(3000 + i), Vp8Options.DEFAULT_PAYLOAD_TYPE,
                    MediaCodec.VP8));
        }
        int[] widths = {320, 640, 1280};
        long[] bytes = new long[3];
        for (int i = 0; i < 3; i++) {
            ReceivedStreamStats stats = await(echoes[i].await(s -> s.frames() >= 10));
            assertEquals(widths[i], stats.keyFrameWidth());
            assertEquals(0, stats.lost());
            assertEquals(0, stats.corrupt());
            assertEquals(0, stats.pictureIdJumps());
            assertEquals(3000 + i, stats.streamTag());
            bytes[i] = stats.payloadBytes() / stats.frames();
        }
        assertTrue(bytes[0] < bytes[1] && bytes[1] < bytes[2], "bytes per frame grow with the layer");
        EchoEndpoint.Stats seen = endpoint.stats();
        for (int i = 0; i < 3; i++) {
            assertEquals(Set.of("r" + i), seen.ridsBySsrc().get(3000L + i));
        }
        assertEquals(3, video.rtpParameters().encodings().size());
        assertEquals("r2", video.rtpParameters().encodings().get(2).rid());
        assertEquals(3005L, video.rtpParameters().encodings().get(2).rtx().ssrc());

        endpoint.enableAutoNack(3003, 3004, 3005);
        video.stream("r1").dropNext(1);
        await(endpoint.await(s -> s.packets(3004) >= 1));
        assertEquals(Set.of("r1"), endpoint.stats().repairedRidsBySsrc().get(3004L), "RTX names its encoding by RRID");
        assertEquals(null, endpoint.stats().ridsBySsrc().get(3004L));
    }

    @Test
    void nackedPacketsComeBackOverRtx() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        Publication video = peer.publishVp8(Vp8Options.single("1", 4000, 4001));
        endpoint.enableAutoNack(4001);
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(4000), Vp8Options.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.VP8).withRtx(echoSsrc(4001), Vp8Options.DEFAULT_RTX_PAYLOAD_TYPE));
        await(echo.awaitPackets(5));

        video.stream().dropNext(3);

        ReceivedStreamStats stats = await(echo.await(s -> s.gapsDetected() >= 3 && s.lost() == 0));
        assertEquals(3, stats.recovered());
        assertEquals(3, stats.rtxPackets());
        assertEquals(0, stats.corrupt());
        assertEquals(0, stats.duplicates());
        OutboundStream sent = video.stream();
        assertEquals(3, sent.stats().packetsDropped());
        assertEquals(3, sent.stats().rtxPackets());
        assertTrue(peer.rtcpReceived().snapshot().nacks(4000) >= 1);
        assertEquals(Set.of(), endpoint.stats().repairedRidsBySsrc().getOrDefault(4001L, Set.of()),
                "no RID on a single encoding");
        assertTrue(endpoint.stats().packets(4001) >= 3);
    }

    @Test
    void withoutRtxTheOriginalPacketIsResent() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        Publication video = peer.publishVp8(Vp8Options.single("1", 5000, 0).withoutRtx());
        endpoint.enableAutoNack();
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(5000), Vp8Options.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.VP8));
        await(echo.awaitPackets(5));

        video.stream().dropNext(2);

        ReceivedStreamStats stats = await(echo.await(s -> s.gapsDetected() >= 2 && s.lost() == 0));
        assertEquals(2, stats.recovered());
        assertEquals(0, stats.rtxPackets());
        assertEquals(0, stats.corrupt());
        assertEquals(2, video.stream().stats().retransmissions());
        assertEquals(0, video.stream().stats().rtxPackets());
    }

    @Test
    void pliAndFirEachBringAKeyFrame() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        Publication video = peer.publishVp8(Vp8Options.single("1", 6000, 6001).withKeyFrameInterval(0));
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(6000), Vp8Options.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.VP8));
        await(echo.await(s -> s.keyFrames() == 1 && s.frames() >= 5));
        assertEquals(1, echo.stats().keyFrames(), "no periodic key frames");

        endpoint.sendPli(6000);
        await(echo.awaitKeyFrames(2));
        endpoint.sendFir(6000, 1);
        ReceivedStreamStats stats = await(echo.awaitKeyFrames(3));

        assertEquals(0, stats.corrupt());
        assertEquals(1, video.stream().stats().plisReceived());
        assertEquals(1, video.stream().stats().firsReceived());
        assertEquals(3, video.stream().stats().keyFramesSent());
        assertEquals(1, peer.rtcpReceived().snapshot().plis(6000));
        assertEquals(1, peer.rtcpReceived().snapshot().firs(6000));
    }

    @Test
    void dtlsServerRoleConnectsToo() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults().withDtlsRole(DtlsRole.SERVER));
        assertEquals(DtlsRole.SERVER, peer.localDtlsParameters().role());
        peer.publishOpus(OpusOptions.of("0", 8000));
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(8000), OpusOptions.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.OPUS));

        ReceivedStreamStats stats = await(echo.awaitPackets(10));

        assertEquals(0, stats.corrupt());
        assertEquals(0, stats.lost());
    }

    @Test
    void aDroppedAudioPacketIsNackedAndResentWhileTheHookSeesItArriveLate() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        Publication audio = peer.publishOpus(OpusOptions.of("0", 1200));
        endpoint.enableAutoNack();
        ReceivedStream echo = peer.expect(ExpectedStream.of(echoSsrc(1200), OpusOptions.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.OPUS));
        List<ReceivedPacket> hooked = new CopyOnWriteArrayList<>();
        echo.onPacket(hooked::add);
        await(echo.awaitPackets(3));
        int target = (audio.stream().stats().lastSequenceNumber() + 10) & 0xFFFF;

        audio.stream().dropSequenceNumber(target);

        ReceivedStreamStats stats = await(echo.await(s -> s.recovered() == 1 && s.lost() == 0));
        assertEquals(1, stats.gapsDetected());
        assertEquals(1, stats.outOfOrder());
        assertEquals(0, stats.corrupt());
        assertEquals(1, audio.stream().stats().packetsDropped());
        assertEquals(1, audio.stream().stats().retransmissions());
        ReceivedPacket late = hooked.stream().filter(p -> p.sequenceNumber() == target).findFirst().orElseThrow();
        ReceivedPacket next = hooked.stream().filter(p -> p.sequenceNumber() == ((target + 1) & 0xFFFF))
                .findFirst().orElseThrow();
        assertEquals(SyntheticPayload.Verdict.INTACT, late.verdict());
        assertTrue(hooked.indexOf(next) < hooked.indexOf(late), "the resent packet arrives after its successor");
    }

    @Test
    void aPausedLayerGoesQuietAndResumesWithAKeyFrame() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());
        Publication video = peer.publishVp8(Vp8Options.simulcast("2", 3100).withKeyFrameInterval(0));
        ReceivedStream low = peer.expect(ExpectedStream.of(echoSsrc(3100), Vp8Options.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.VP8));
        ReceivedStream mid = peer.expect(ExpectedStream.of(echoSsrc(3101), Vp8Options.DEFAULT_PAYLOAD_TYPE,
                MediaCodec.VP8));
        await(mid.await(s -> s.frames() >= 3));

        video.stream("r1").pause();
        long lowFrames = low.stats().frames();
        await(low.await(s -> s.frames() >= lowFrames + 3));
        long midPackets = mid.stats().packets();
        await(low.await(s -> s.frames() >= lowFrames + 10));
        assertEquals(midPackets, mid.stats().packets(), "nothing on r1 while paused");
        assertEquals(1, mid.stats().keyFrames());

        video.stream("r1").resume();

        ReceivedStreamStats stats = await(mid.await(s -> s.keyFrames() == 2));
        assertEquals(0, stats.lost(), "sequence numbers continue across the pause");
        assertEquals(0, stats.pictureIdJumps());
        assertEquals(1, low.stats().keyFrames(), "other layers are not disturbed");
    }
}
