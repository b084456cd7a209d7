package io.tributary.client.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.client.media.ice.IceAgentState;
import io.tributary.client.media.ice.IceTimings;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.worker.dtls.DtlsState;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.TransportProtocol;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What goes wrong is reported clearly, and nothing flows when it does. */
class ConnectionFailureTest extends EchoTestSupport {

    @Test
    void wrongDtlsFingerprintFailsClearlyAndSendsNoMedia() throws Exception {
        endpoint = EchoEndpoint.start(vertx, TransportProtocol.UDP, ENDPOINT_CERT);
        peer = MediaPeer.create(vertx, PeerOptions.defaults().withCertificate(PEER_CERT));
        peer.publishOpus(OpusOptions.of("0", 9000));
        RemoteTransport genuine = endpoint.remote();
        RemoteTransport forged = new RemoteTransport(genuine.iceParameters(), genuine.iceCandidates(),
                new DtlsParameters(DtlsRole.AUTO, PEER_CERT.fingerprints()));

        CompletableFuture<Void> connected = peer.connect(forged, TransportProtocol.UDP);
        endpoint.connect(peer.localDtlsParameters());

        ExecutionException failure = assertThrows(ExecutionException.class, () -> await(connected));
        MediaPeerException error = assertInstanceOf(MediaPeerException.class, failure.getCause());
        assertTrue(error.getMessage().startsWith("DTLS handshake failed"), error.getMessage());
        assertTrue(error.getMessage().contains("fingerprint mismatch"), error.getMessage());
        assertThrows(ExecutionException.class, () -> await(endpoint.dtlsConnected()));
        assertEquals(IceAgentState.CONNECTED, peer.iceState());
        assertEquals(0, peer.transportStats().rtpSent());
        assertEquals(0, endpoint.stats().rtp());
        assertTrue(peer.receivedStreams().isEmpty());
    }

    @Test
    void wrongIcePasswordNeverConnects() throws Exception {
        endpoint = EchoEndpoint.start(vertx, TransportProtocol.UDP, ENDPOINT_CERT);
        peer = MediaPeer.create(vertx, PeerOptions.defaults().withCertificate(PEER_CERT)
                .withIce(IceTimings.defaults()
                        .withCheckTimeout(Duration.ofMillis(800))));
        RemoteTransport genuine = endpoint.remote();
        RemoteTransport wrong = new RemoteTransport(new IceParameters(
                genuine.iceParameters().usernameFragment(), "not-the-password", true), genuine.iceCandidates(),
                genuine.dtlsParameters());
        long start = System.nanoTime();

        CompletableFuture<Void> connected = peer.connect(wrong, TransportProtocol.UDP);
        endpoint.connect(peer.localDtlsParameters());

        ExecutionException failure = assertThrows(ExecutionException.class, () -> await(connected));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 800, "fails only at the check timeout, after " + elapsedMs + " ms");
        assertTrue(failure.getCause().getMessage().startsWith("ICE failed"), failure.getCause().getMessage());
        assertTrue(failure.getCause().getMessage().contains("last error code 401"), failure.getCause().getMessage());
        assertEquals(IceAgentState.FAILED, peer.iceState());
        assertEquals(0, peer.iceStats().successResponses());
        assertTrue(peer.iceStats().errorResponses() >= 3, "every retransmission was refused");
        assertEquals(DtlsState.NEW, peer.dtlsState());
    }

    @Test
    void consentIsLostWhenTheRemoteStopsAnswering() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults()
                .withIce(IceTimings.defaults().withConsent(Duration.ofMillis(100), Duration.ofMillis(400))));
        assertEquals(IceAgentState.CONNECTED, peer.iceState());
        assertTrue(!peer.disconnected().isDone());

        endpoint.close();

        String reason = await(peer.disconnected());
        assertTrue(reason.startsWith("ICE consent lost"), reason);
        assertEquals(IceAgentState.DISCONNECTED, peer.iceState());
        assertTrue(peer.iceStats().requestsSent() >= 4, "the first check and at least three consent checks");
        assertTrue(peer.iceStats().successResponses() >= 1);
    }

    @Test
    void noCandidateOfTheProtocolIsAClearError() throws Exception {
        endpoint = EchoEndpoint.start(vertx, TransportProtocol.UDP, ENDPOINT_CERT);
        peer = MediaPeer.create(vertx, PeerOptions.defaults().withCertificate(PEER_CERT));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> await(peer.connect(endpoint.remote(), TransportProtocol.TCP)));

        assertTrue(failure.getCause().getMessage().startsWith("the transport offers no tcp candidate"),
                failure.getCause().getMessage());
    }

    @Test
    void dtlsCloseNotifyFromTheSfuIsReported() throws Exception {
        connect(TransportProtocol.UDP, PeerOptions.defaults());

        endpoint.closeDtls();

        assertEquals("DTLS closed by the remote side", await(peer.disconnected()));
        assertEquals(DtlsState.CLOSED, peer.dtlsState());
    }

    @Test
    void aClosedTcpConnectionIsReported() throws Exception {
        connect(TransportProtocol.TCP, PeerOptions.defaults());

        endpoint.close();

        assertEquals("TCP connection closed by the remote side", await(peer.disconnected()));
    }
}
