package io.tributary.bench;

import static io.tributary.bench.SfuProcess.JSON;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.client.media.MediaPeer;
import io.tributary.client.media.PeerCapabilities;
import io.tributary.client.media.PeerOptions;
import io.tributary.client.media.RemoteTransport;
import io.tributary.client.media.send.Publication;
import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.RtpCapabilities;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.srtp.SrtpProfile;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Java media peers in the driver, each connected to its own WebRtcTransport in the SFU process:
 * what a mediasoup client app does (createTransport, connect, produce, consume), over the child's
 * command pipe instead of a signaling server.
 */
final class SfuPeers implements AutoCloseable {

    private static final long CONNECT_TIMEOUT_SECONDS = 15;

    /** A peer and the id of its transport in the SFU. */
    record Peer(MediaPeer media, String transportId) {
    }

    private final SfuProcess sfu;
    private final Vertx vertx;
    private final TransportProtocol protocol;
    /**
     * One identity for all peers (generating an ECDSA key per peer only slows the set-up), offering
     * a single SRTP profile so the SFU cannot pick another.
     */
    private final PeerOptions peerOptions;
    private final JsonNode consumerCapabilities;
    private final List<MediaPeer> peers = new ArrayList<>();

    SfuPeers(SfuProcess sfu, Vertx vertx, TransportProtocol protocol, SrtpProfile srtp) {
        this.sfu = sfu;
        this.vertx = vertx;
        this.protocol = protocol;
        this.peerOptions = PeerOptions.defaults().withCertificate(DtlsCertificate.generate())
                .withSrtpProfiles(List.of(srtp));
        RtpCapabilities router = JSON.convertValue(
                sfu.call(SfuProcess.command("capabilities")).get("rtpCapabilities"), RtpCapabilities.class);
        this.consumerCapabilities = JSON.valueToTree(PeerCapabilities.from(router));
    }

    /** A new peer, connected (ICE, DTLS, SRTP) to a new transport. */
    Peer connect() {
        JsonNode t = sfu.call(SfuProcess.command("createTransport"));
        String transportId = t.get("transportId").asText();
        MediaPeer media = MediaPeer.create(vertx, peerOptions.withCname("bench-" + peers.size()));
        peers.add(media);
        RemoteTransport remote = new RemoteTransport(
                JSON.convertValue(t.get("iceParameters"), IceParameters.class),
                JSON.convertValue(t.get("iceCandidates"), new TypeReference<List<IceCandidate>>() { }),
                JSON.convertValue(t.get("dtlsParameters"), DtlsParameters.class));
        CompletableFuture<Void> up = media.connect(remote, protocol);
        sfu.call(SfuProcess.command("connect").put("transportId", transportId)
                .set("dtlsParameters", JSON.valueToTree(media.localDtlsParameters())));
        join(up, "peer connect");
        return new Peer(media, transportId);
    }

    /** Produces exactly what the publication sends; returns the producer id. */
    String produce(Peer peer, Publication publication) {
        JsonNode reply = sfu.call(SfuProcess.command("produce").put("transportId", peer.transportId())
                .put("kind", publication.kind().value())
                .set("rtpParameters", JSON.valueToTree(publication.rtpParameters())));
        return reply.get("producerId").asText();
    }

    /** Consumes a producer on the peer's transport; returns the consumer's RTP parameters. */
    RtpParameters consume(Peer peer, String producerId) {
        JsonNode reply = sfu.call(SfuProcess.command("consume").put("transportId", peer.transportId())
                .put("producerId", producerId)
                .set("rtpCapabilities", consumerCapabilities));
        return JSON.convertValue(reply.get("rtpParameters"), RtpParameters.class);
    }

    static <T> T join(CompletableFuture<T> future, String what) {
        try {
            return future.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": no result within " + CONNECT_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }

    @Override
    public void close() {
        peers.forEach(MediaPeer::close);
    }
}
