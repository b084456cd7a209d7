package io.tributary.client.media.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.client.media.MediaPeer;
import io.tributary.client.media.PeerCapabilities;
import io.tributary.client.media.PeerOptions;
import io.tributary.client.media.RemoteTransport;
import io.tributary.client.media.send.Publication;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerOptions;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.webrtc.WebRtcServer;
import io.tributary.worker.transport.webrtc.WebRtcServerOptions;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real SFU on loopback for end-to-end tests: one worker with a WebRtcServer (UDP and TCP), one
 * router with Opus and VP8, and Java media peers connected to WebRtcTransports on it.
 */
final class Sfu implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A media peer and the SFU transport it is connected to. */
    record Peer(MediaPeer media, WebRtcTransport transport) {
    }

    final Vertx vertx = Vertx.vertx();
    final Worker worker;
    final WebRtcServer server;
    final Router router;
    private final List<MediaPeer> peers = new ArrayList<>();

    Sfu() {
        worker = await(Worker.create(vertx, WorkerSettings.defaults()));
        server = await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                TransportListenInfo.udp("127.0.0.1", 0), TransportListenInfo.tcp("127.0.0.1", 0)))));
        router = await(worker.createRouter(RouterOptions.of(List.of(
                codec("{\"kind\":\"audio\",\"mimeType\":\"audio/opus\",\"clockRate\":48000,\"channels\":2}"),
                codec("{\"kind\":\"video\",\"mimeType\":\"video/VP8\",\"clockRate\":90000}")))));
    }

    private static RtpCodecCapability codec(String json) {
        try {
            return JSON.readValue(json, RtpCodecCapability.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A peer connected over {@code protocol} to a new WebRtcTransport of the router. */
    Peer connect(TransportProtocol protocol) {
        return connect(protocol, PeerOptions.defaults());
    }

    Peer connect(TransportProtocol protocol, PeerOptions options) {
        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.withServer(server)));
        MediaPeer media = MediaPeer.create(vertx, options);
        peers.add(media);
        CompletableFuture<Void> up = media.connect(
                new RemoteTransport(transport.iceParameters(), transport.iceCandidates(), transport.dtlsParameters()),
                protocol);
        await(transport.connect(media.localDtlsParameters()));
        join(up);
        return new Peer(media, transport);
    }

    Producer produce(Peer peer, Publication publication) {
        JsonNode rtpParameters = JSON.valueToTree(publication.rtpParameters());
        return await(peer.transport().produce(ProducerOptions.of(publication.kind().value(), rtpParameters)));
    }

    Consumer consume(Peer peer, Producer producer) {
        JsonNode caps = JSON.valueToTree(PeerCapabilities.from(router.rtpCapabilities()));
        return await(peer.transport().consume(ConsumerOptions.of(producer.id(), caps)));
    }

    static <T> T await(Future<T> future) {
        return join(future.toCompletionStage().toCompletableFuture());
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause().toString(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        peers.forEach(MediaPeer::close);
        await(vertx.close());
    }
}
