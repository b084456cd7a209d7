package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.media.MediaPeer;
import io.tributary.client.media.PeerCapabilities;
import io.tributary.client.media.RemoteTransport;
import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.send.Publication;
import io.tributary.protoo.ProtooClient;
import io.tributary.protoo.ProtooClientOptions;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.RtpCapabilities;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A headless room participant doing what mediasoup-client and the demo app do (the server tests'
 * JavaParticipant, trimmed): protoo signaling, a send and a receive WebRtcTransport (each a Java
 * media peer), join, produce, and answering {@code newConsumer} by starting to receive. It stamps
 * the moments a join goes through ({@link System#nanoTime()}), for the join-time benchmark.
 */
final class RoomPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 20;

    private final Vertx vertx;
    private final ProtooClient protoo;
    /** When the WebSocket was opened (the connect call), the start of a join. */
    final long connectAt = System.nanoTime();
    final long openedAt;
    volatile long joinAnsweredAt;
    volatile long videoConsumerAt;
    /** Completes with the time the first video key frame arrived on a video consumer. */
    final CompletableFuture<Long> firstVideoKeyFrameAt = new CompletableFuture<>();
    private MediaPeer sendPeer;
    private MediaPeer recvPeer;
    private String sendTransportId;

    RoomPeer(Vertx vertx, int port, String roomId, String peerId) {
        this.vertx = vertx;
        this.protoo = ProtooClient.connect(vertx, "ws://127.0.0.1:" + port + "/?roomId=" + roomId + "&peerId=" + peerId,
                ProtooClientOptions.defaults());
        protoo.onRequest(request -> {
            if ("newConsumer".equals(request.method())) {
                JsonNode data = request.data();
                ReceivedStream stream = recvPeer.receive(JSON.convertValue(data.get("rtpParameters"), RtpParameters.class));
                if ("video".equals(data.path("kind").asText())) {
                    videoConsumerAt = System.nanoTime();
                    // Registered before accepting: the SFU resumes the consumer only on the answer, so
                    // no packet can slip in before the waiter and its stamp is the key frame's arrival.
                    stream.awaitKeyFrames(1).thenRun(() -> firstVideoKeyFrameAt.complete(System.nanoTime()));
                }
                request.accept();
            } else {
                request.reject(403, "unexpected request " + request.method());
            }
        });
        // Stamped by the completion itself: a stamp after get() returns would include a thread wake-up.
        openedAt = await(protoo.opened().thenApply(v -> System.nanoTime()));
    }

    /** The demo's join flow: capabilities, send and receive transports, then join. */
    void join() {
        RtpCapabilities routerCaps = JSON.convertValue(request("getRouterRtpCapabilities", JSON.createObjectNode()),
                RtpCapabilities.class);
        sendPeer = connectTransport(true);
        recvPeer = connectTransport(false);
        ObjectNode data = JSON.createObjectNode().put("displayName", "bench");
        data.set("device", JSON.createObjectNode().put("flag", "java").put("name", "RoomPeer").put("version", "1"));
        data.set("rtpCapabilities", JSON.valueToTree(PeerCapabilities.from(routerCaps)));
        // Stamped on arrival: newConsumer follows the answer at once, and a stamp taken after get()
        // returns could come after it.
        joinAnsweredAt = await(protoo.request("join", data).thenApply(answer -> System.nanoTime()));
    }

    private MediaPeer connectTransport(boolean producing) {
        ObjectNode options = JSON.createObjectNode().put("forceTcp", false).put("producing", producing)
                .put("consuming", !producing);
        JsonNode t = request("createWebRtcTransport", options);
        MediaPeer peer = MediaPeer.create(vertx);
        CompletableFuture<Void> up = peer.connect(new RemoteTransport(
                JSON.convertValue(t.get("iceParameters"), IceParameters.class),
                List.of(JSON.convertValue(t.get("iceCandidates"), IceCandidate[].class)),
                JSON.convertValue(t.get("dtlsParameters"), DtlsParameters.class)), TransportProtocol.UDP);
        ObjectNode connect = JSON.createObjectNode().put("transportId", t.get("id").asText());
        connect.set("dtlsParameters", JSON.valueToTree(peer.localDtlsParameters()));
        request("connectWebRtcTransport", connect);
        await(up);
        if (producing) {
            sendTransportId = t.get("id").asText();
        }
        return peer;
    }

    MediaPeer sendPeer() {
        return sendPeer;
    }

    /** Produces a publication of the send peer. */
    void produce(Publication publication) {
        ObjectNode data = JSON.createObjectNode().put("transportId", sendTransportId)
                .put("kind", publication.kind().value());
        data.set("rtpParameters", JSON.valueToTree(publication.rtpParameters()));
        data.set("appData", JSON.createObjectNode());
        request("produce", data);
    }

    private JsonNode request(String method, JsonNode data) {
        return await(protoo.request(method, data));
    }

    /** Every step is bounded, so a stalled join fails the run instead of hanging it. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        protoo.close();
        if (sendPeer != null) {
            sendPeer.close();
        }
        if (recvPeer != null) {
            recvPeer.close();
        }
    }
}
