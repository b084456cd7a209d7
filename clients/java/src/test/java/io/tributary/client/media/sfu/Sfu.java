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
import java.util.function.UnaryOperator;

/**
 * A real SFU on loopback for end-to-end tests: one worker with a WebRtcServer (UDP and TCP), one
 * router with Opus and VP8, and Java media peers connected to WebRtcTransports on it.
 */
final class Sfu implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A media peer and the SFU transport it is connected to. */
    record Peer(MediaPeer media, WebRtcTransport transport) {
    }

    /** A peer whose connect() is under way; the SFU side has not been connected and nobody awaited it yet. */
    record Pending(MediaPeer media, WebRtcTransport transport, CompletableFuture<Void> up) {
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
        return connect(protocol, options, UnaryOperator.identity());
    }

    /** A connected peer that was given {@code rewrite(what the transport offers)}, e.g. a relay's candidate. */
    Peer connect(TransportProtocol protocol, PeerOptions options, UnaryOperator<RemoteTransport> rewrite) {
        Pending pending = open(protocol, options, rewrite);
        await(pending.transport().connect(pending.media().localDtlsParameters()));
        join(pending.up());
        return new Peer(pending.media(), pending.transport());
    }

    /**
     * A new WebRtcTransport and a peer connecting to {@code rewrite(its parameters)}; the caller connects
     * the SFU side (with whatever DTLS parameters it likes) and awaits {@link Pending#up()}.
     */
    Pending open(TransportProtocol protocol, PeerOptions options, UnaryOperator<RemoteTransport> rewrite) {
        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.withServer(server)));
        MediaPeer media = MediaPeer.create(vertx, options);
        peers.add(media);
        CompletableFuture<Void> up = media.connect(rewrite.apply(remoteOf(transport)), protocol);
        return new Pending(media, transport, up);
    }

    static RemoteTransport remoteOf(WebRtcTransport transport) {
        return new RemoteTransport(transport.iceParameters(), transport.iceCandidates(), transport.dtlsParameters());
    }

    /** The WebRtcServer's dump, as JSON. */
    JsonNode serverDump() {
        return JSON.valueToTree(await(server.dump()));
    }

    int udpPort() {
        return serverDump().get("udpSockets").get(0).get("port").asInt();
    }

    int tcpPort() {
        return serverDump().get("tcpServers").get(0).get("port").asInt();
    }

    /** Datagrams and TCP frames of the WebRtcServer that no transport claimed. */
    long failedPackets() {
        return await(server.packetCounters()).failedPackets();
    }

    long unknownPackets() {
        return await(server.packetCounters()).unknownPackets();
    }

    /** A transport's {@code getStats()} entry, as JSON. */
    static JsonNode stats(WebRtcTransport transport) {
        return JSON.valueToTree(await(transport.getStats()).get(0));
    }

    /** The consumer's {@code getStats()} (its outbound-rtp first), on the worker's loop. */
    JsonNode stats(Consumer consumer) {
        return JSON.valueToTree(await(worker.loop().call(() -> consumer.getStats(System.currentTimeMillis()))));
    }

    /** The producer's {@code getStats()} (one entry per stream that received RTP), on the worker's loop. */
    JsonNode stats(Producer producer) {
        return JSON.valueToTree(await(worker.loop().call(() -> producer.getStats(System.currentTimeMillis()))));
    }

    Producer produce(Peer peer, Publication publication) {
        JsonNode rtpParameters = JSON.valueToTree(publication.rtpParameters());
        return await(peer.transport().produce(ProducerOptions.of(publication.kind().value(), rtpParameters)));
    }

    Consumer consume(Peer peer, Producer producer) {
        JsonNode caps = JSON.valueToTree(PeerCapabilities.from(router.rtpCapabilities()));
        return await(peer.transport().consume(ConsumerOptions.of(producer.id(), caps)));
    }

    /**
     * Waits (polling every 10 ms, at most {@code timeoutMs}) for a condition that has no future to await,
     * e.g. a counter in a dump; fails with {@code what} and the last value seen.
     */
    static <T> T eventually(String what, java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done,
                            long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + timeoutMs + " ms; last seen: " + value);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            value = probe.get();
        }
        return value;
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
