package io.tributary.client.media;

import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.ortc.TransportProtocol;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** One Vert.x per test class, a peer and an echo endpoint per test, closed after it. */
abstract class EchoTestSupport {

    static final DtlsCertificate PEER_CERT = DtlsCertificate.generate();
    static final DtlsCertificate ENDPOINT_CERT = DtlsCertificate.generate();
    static final long WAIT_SECONDS = 5;

    static Vertx vertx;
    EchoEndpoint endpoint;
    MediaPeer peer;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeBoth() {
        if (peer != null) {
            peer.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts an endpoint, connects a peer to it (both sides' connect, as a test against an SFU would). */
    MediaPeer connect(TransportProtocol protocol, PeerOptions options) throws Exception {
        endpoint = EchoEndpoint.start(vertx, protocol, ENDPOINT_CERT);
        peer = MediaPeer.create(vertx, options.withCertificate(PEER_CERT));
        CompletableFuture<Void> connected = peer.connect(endpoint.remote(), protocol);
        endpoint.connect(peer.localDtlsParameters());
        await(connected);
        await(endpoint.dtlsConnected());
        return peer;
    }
}
