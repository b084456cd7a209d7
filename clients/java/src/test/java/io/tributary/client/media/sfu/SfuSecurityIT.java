package io.tributary.client.media.sfu;

import static io.tributary.client.media.sfu.Sfu.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.client.media.MediaPeerException;
import io.tributary.client.media.PeerOptions;
import io.tributary.client.media.RemoteTransport;
import io.tributary.client.media.ice.IceStats;
import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.Publication;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.dtls.DtlsState;
import io.tributary.worker.ice.IceState;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.srtp.SrtpMasterKey;
import io.tributary.worker.srtp.SrtpProfile;
import io.tributary.worker.srtp.SrtpSession;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SFU's security checks end to end, over real sockets on loopback: a DTLS certificate that does
 * not match the fingerprint given to {@code connect()} (either way) yields no keys and so no media; a
 * wrong ICE password gets 401s and never a tuple; media from a tuple ICE never validated is dropped
 * and counted, even when it is genuine SRTP that the validated tuple would have had accepted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SfuSecurityIT {

    private static final long MIC_SSRC = 1111;

    private final Sfu sfu = new Sfu();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        sfu.close();
    }

    /** The SFU is told a fingerprint that is not the peer's certificate: it must refuse the handshake. */
    @Test
    void aPeerWhoseCertificateIsNotTheAnnouncedOneNeverGetsMedia() throws Exception {
        InetSocketAddress sfuUdp = new InetSocketAddress("127.0.0.1", sfu.udpPort());
        UdpRelay relay = closing(UdpRelay.start(sfuUdp));
        Sfu.Pending impostor = sfu.open(TransportProtocol.UDP, PeerOptions.defaults(), relay::rewrite);
        WebRtcTransport transport = impostor.transport();
        CompletableFuture<DtlsState> dtlsEnded = dtlsEnd(transport);
        Publication mic = impostor.media().publishOpus(OpusOptions.of("0", MIC_SSRC));
        Producer audio = produce(transport, mic);
        Sfu.Peer viewer = sfu.connect(TransportProtocol.UDP);
        ReceivedStream heard = viewer.media().receive(sfu.consume(viewer, audio).rtpParameters());

        DtlsParameters someoneElse = new DtlsParameters(DtlsRole.CLIENT, DtlsCertificate.generate().fingerprints());
        Sfu.await(transport.connect(someoneElse));

        assertEquals(DtlsState.FAILED, join(dtlsEnded), "the SFU's dtlsState");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> impostor.up().get(15, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof MediaPeerException
                && refused.getCause().getMessage().startsWith("DTLS handshake failed"), refused.getCause().toString());
        JsonNode stats = Sfu.stats(transport);
        assertEquals("failed", stats.get("dtlsState").asText());
        assertEquals("completed", stats.get("iceState").asText(), "ICE itself was fine");
        assertNull(Sfu.JSON.valueToTree(Sfu.await(transport.dump())).get("dtlsRemoteCert"));

        // The impostor's validated tuple is the relay's: RTP from it, plain or under keys of its own, must die.
        long droppedBefore = Sfu.stats(transport).get("packetsDropped").asLong();
        SrtpSession ownKeys = ownKeys();
        DatagramSocket barrier = closing(new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)));
        for (int i = 0; i < 50; i++) {
            byte[] plain = opusPacket(i);
            relay.sendFromBack(plain);
            byte[] buf = Arrays.copyOf(opusPacket(1000 + i), 512);
            int n = ownKeys.protectRtp(buf, 0, opusPacket(0).length);
            assertTrue(n > 0);
            relay.sendFromBack(Arrays.copyOf(buf, n));
        }
        StunProbe.barrier(barrier, sfuUdp, transport.iceParameters().usernameFragment());
        assertEquals(100 + 1, Sfu.stats(transport).get("packetsDropped").asLong() - droppedBefore,
                "the 100 RTP packets and the barrier's refused check");
        assertEquals(0, sfu.stats(audio).size(), "the producer received RTP: " + sfu.stats(audio));
        assertEquals(0, heard.stats().packets(), "RTP reached the consumer of the impostor: " + heard.stats());
    }

    /** The peer is told a fingerprint that is not the SFU's: it refuses, and the SFU's DTLS fails too. */
    @Test
    void aPeerThatDoesNotRecogniseTheSfuCertificateRefusesIt() {
        DtlsParameters notTheSfu = new DtlsParameters(DtlsRole.AUTO, DtlsCertificate.generate().fingerprints());
        Sfu.Pending peer = sfu.open(TransportProtocol.UDP, PeerOptions.defaults(),
                remote -> new RemoteTransport(remote.iceParameters(), remote.iceCandidates(), notTheSfu));
        CompletableFuture<DtlsState> dtlsEnded = dtlsEnd(peer.transport());
        Sfu.await(peer.transport().connect(peer.media().localDtlsParameters()));

        ExecutionException refused = assertThrows(ExecutionException.class, () -> peer.up().get(15, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().startsWith("DTLS handshake failed"), refused.getCause().toString());
        assertEquals(DtlsState.FAILED, join(dtlsEnded), "the SFU's dtlsState after the peer's fatal alert");
        assertFalse(peer.media().isConnected());
    }

    /** Checks with a wrong password are answered 401 and never validate a tuple; a wrong ufrag is not answered. */
    @Test
    void wrongIceCredentialsNeverGetATuple() {
        PeerOptions quick = PeerOptions.defaults().withIce(PeerOptions.defaults().ice()
                .withCheckTimeout(Duration.ofMillis(1500)));
        long unknownBefore = sfu.unknownPackets();

        Sfu.Pending wrongPassword = sfu.open(TransportProtocol.UDP, quick, remote -> new RemoteTransport(
                new IceParameters(remote.iceParameters().usernameFragment(), "not-the-password-0123456", true),
                remote.iceCandidates(), remote.dtlsParameters()));
        Sfu.Pending wrongUfrag = sfu.open(TransportProtocol.UDP, quick, remote -> new RemoteTransport(
                new IceParameters("nosuchufrag0000", remote.iceParameters().password(), true),
                remote.iceCandidates(), remote.dtlsParameters()));
        Publication mic = wrongPassword.media().publishOpus(OpusOptions.of("0", MIC_SSRC));
        Producer audio = produce(wrongPassword.transport(), mic);
        for (Sfu.Pending p : List.of(wrongPassword, wrongUfrag)) {
            Sfu.await(p.transport().connect(p.media().localDtlsParameters()));
        }

        for (Sfu.Pending p : List.of(wrongPassword, wrongUfrag)) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> p.up().get(15, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("ICE failed"), failed.getCause().toString());
            JsonNode stats = Sfu.stats(p.transport());
            assertEquals("new", stats.get("iceState").asText());
            assertNull(stats.get("iceSelectedTuple"));
            assertEquals("new", stats.get("dtlsState").asText(), "DTLS must not start without ICE");
            assertEquals(IceState.NEW, p.transport().iceState());
        }
        IceStats refused = wrongPassword.media().iceStats();
        assertEquals(401, refused.lastErrorCode(), refused.toString());
        assertEquals(0, refused.successResponses());
        assertTrue(refused.errorResponses() >= 1 && refused.errorResponses() <= refused.requestsSent(), refused.toString());
        // Every refused check counted as dropped at the transport; no tuple anywhere for either.
        long checks = refused.requestsSent();
        Sfu.eventually("all " + checks + " refused checks counted", () -> Sfu.stats(wrongPassword.transport())
                .get("packetsDropped").asLong(), n -> n == checks, 5000);
        for (JsonNode route : sfu.serverDump().get("tupleHashes")) {
            String id = route.get("webRtcTransportId").asText();
            assertFalse(id.equals(wrongPassword.transport().id()) || id.equals(wrongUfrag.transport().id()));
        }
        assertEquals(0, sfu.stats(audio).size(), "no media without ICE");

        IceStats unanswered = wrongUfrag.media().iceStats();
        assertEquals(0, unanswered.successResponses() + unanswered.errorResponses(), unanswered.toString());
        long sent = unanswered.requestsSent();
        Sfu.eventually("the " + sent + " checks with an unknown ufrag counted as unknown packets",
                () -> sfu.unknownPackets() - unknownBefore, n -> n == sent, 5000);
        assertEquals(0, sfu.failedPackets());
    }

    /**
     * Genuine SRTP of a connected publisher, held back by the relay and sent from a socket ICE never
     * validated, is dropped and counted as unknown; the same kind of packets sent from the validated
     * tuple are forwarded, so the check is what stopped the first ones.
     */
    @Test
    void mediaFromATupleIceNeverValidatedIsDroppedAndCounted() throws Exception {
        InetSocketAddress sfuUdp = new InetSocketAddress("127.0.0.1", sfu.udpPort());
        UdpRelay relay = closing(UdpRelay.start(sfuUdp));
        Sfu.Peer publisher = sfu.connect(TransportProtocol.UDP, PeerOptions.defaults(), relay::rewrite);
        Producer audio = sfu.produce(publisher, publisher.media().publishOpus(OpusOptions.of("0", MIC_SSRC)));
        Sfu.Peer viewer = sfu.connect(TransportProtocol.UDP);
        Consumer consumer = sfu.consume(viewer, audio);
        ReceivedStream heard = viewer.media().receive(consumer.rtpParameters());
        join(heard.await(s -> s.packets() >= 25));

        relay.holdRtp(true);
        List<byte[]> held = join(relay.awaitHeld(40));
        DatagramSocket stranger = closing(new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)));
        String viewerUfrag = viewer.transport().iceParameters().usernameFragment();
        // Everything forwarded before the hold was handled once the SFU answers a check sent after it.
        StunProbe.barrier(stranger, sfuUdp, viewerUfrag);
        long forwarded = sentBy(consumer);
        ReceivedStreamStats before = join(heard.await(s -> s.uniquePackets() >= forwarded));
        assertEquals(forwarded, before.uniquePackets(), "the viewer got more than the consumer sent");
        long unknownBefore = sfu.unknownPackets();
        long producerPacketsBefore = packetCount(audio);
        int tuplesBefore = sfu.serverDump().get("tupleHashes").size();

        List<byte[]> rtcp = relay.captured(UdpRelay.Kind.RTCP);
        List<byte[]> strays = new ArrayList<>(held.subList(0, 20));
        strays.addAll(rtcp.subList(Math.max(0, rtcp.size() - 5), rtcp.size()));
        for (byte[] packet : strays) {
            send(stranger, packet, sfuUdp);
        }
        StunProbe.barrier(stranger, sfuUdp, viewerUfrag);
        assertEquals(strays.size(), sfu.unknownPackets() - unknownBefore, "the stranger's packets counted as unknown");
        assertEquals(producerPacketsBefore, packetCount(audio), "the producer took the stranger's packets");
        assertEquals(forwarded, sentBy(consumer), "the consumer forwarded the stranger's packets");
        assertEquals(tuplesBefore, sfu.serverDump().get("tupleHashes").size(), "the stranger got a tuple");

        // The next 20, from the validated tuple, go through; the viewer sees the 20 before them as lost.
        for (byte[] packet : held.subList(20, 40)) {
            relay.sendFromBack(packet);
        }
        StunProbe.barrier(stranger, sfuUdp, viewerUfrag);
        assertEquals(producerPacketsBefore + 20, packetCount(audio));
        assertEquals(forwarded + 20, sentBy(consumer));
        ReceivedStreamStats after = join(heard.await(s -> s.uniquePackets() >= forwarded + 20));
        assertEquals(before.lost() + 20, after.lost(), "the stranger's 20 never reached the viewer: " + after);
        assertEquals(0, after.corrupt());

        relay.holdRtp(false);
        long resumed = heard.stats().packets();
        join(heard.await(s -> s.packets() >= resumed + 25));
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private static Producer produce(WebRtcTransport transport, Publication publication) {
        return Sfu.await(transport.produce(io.tributary.worker.producer.ProducerOptions.of(publication.kind().value(),
                Sfu.JSON.valueToTree(publication.rtpParameters()))));
    }

    /** Completes with the transport's DTLS state once it is failed or closed. */
    private static CompletableFuture<DtlsState> dtlsEnd(WebRtcTransport transport) {
        CompletableFuture<DtlsState> ended = new CompletableFuture<>();
        transport.events().on(WebRtcTransport.DTLS_STATE_CHANGE, state -> {
            if (state == DtlsState.FAILED || state == DtlsState.CLOSED) {
                ended.complete(state);
            }
        });
        return ended;
    }

    /** Packets the consumer has sent (its outbound-rtp stats). */
    private long sentBy(Consumer consumer) {
        return sfu.stats(consumer).get(0).get("packetCount").asLong();
    }

    private long packetCount(Producer producer) {
        long count = 0;
        for (JsonNode stream : sfu.stats(producer)) {
            count += stream.get("packetCount").asLong();
        }
        return count;
    }

    /** An SRTP session with keys nobody negotiated. */
    private static SrtpSession ownKeys() {
        SrtpProfile profile = SrtpProfile.AEAD_AES_128_GCM;
        return new SrtpSession(profile, SrtpMasterKey.random(profile), SrtpMasterKey.random(profile));
    }

    /** An Opus-looking RTP packet of the mic's SSRC and payload type. */
    private static byte[] opusPacket(int sequence) {
        byte[] p = new byte[12 + 40];
        p[0] = (byte) 0x80;
        p[1] = (byte) OpusOptions.DEFAULT_PAYLOAD_TYPE;
        p[2] = (byte) (sequence >> 8);
        p[3] = (byte) sequence;
        int timestamp = 960 * sequence;
        p[4] = (byte) (timestamp >> 24);
        p[5] = (byte) (timestamp >> 16);
        p[6] = (byte) (timestamp >> 8);
        p[7] = (byte) timestamp;
        p[8] = (byte) (MIC_SSRC >> 24);
        p[9] = (byte) (MIC_SSRC >> 16);
        p[10] = (byte) (MIC_SSRC >> 8);
        p[11] = (byte) MIC_SSRC;
        return p;
    }

    private static void send(DatagramSocket socket, byte[] p, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(p, p.length, to));
    }
}
