package io.tributary.server.room;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A headless room participant doing what mediasoup-client and the demo app do: protoo signaling,
 * a send and a receive WebRtcTransport (each a Java media peer), join, produce, and answering
 * {@code newConsumer} by starting to receive.
 */
final class JavaParticipant implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final String peerId;
    final ProtooClient protoo;
    final List<String> notifications = new CopyOnWriteArrayList<>();
    final List<JsonNode> notificationData = new CopyOnWriteArrayList<>();
    /** Remote producer id -> what this participant receives of it. */
    final Map<String, ReceivedStream> received = new ConcurrentHashMap<>();
    final Map<String, String> consumerIdByProducer = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private MediaPeer sendPeer;
    private MediaPeer recvPeer;
    private String sendTransportId;
    private RtpCapabilities routerCaps;

    JavaParticipant(Vertx vertx, int port, String roomId, String peerId) {
        this.vertx = vertx;
        this.peerId = peerId;
        this.protoo = ProtooClient.connect(vertx, "ws://127.0.0.1:" + port + "/?roomId=" + roomId + "&peerId=" + peerId,
                ProtooClientOptions.defaults());
        protoo.onNotification((method, data) -> {
            notificationData.add(JSON.createObjectNode().put("method", method).set("data", data));
            notifications.add(method);
        });
        protoo.onRequest(request -> {
            if ("newConsumer".equals(request.method())) {
                JsonNode data = request.data();
                RtpParameters params = JSON.convertValue(data.get("rtpParameters"), RtpParameters.class);
                received.put(data.get("producerId").asText(), recvPeer.receive(params));
                consumerIdByProducer.put(data.get("producerId").asText(), data.get("id").asText());
                request.accept();
            } else {
                request.reject(403, "unexpected request " + request.method());
            }
        });
        join(protoo.opened());
    }

    /** The demo's join flow: capabilities, send and receive transports, then join. */
    JsonNode join(String displayName) {
        routerCaps = JSON.convertValue(request("getRouterRtpCapabilities", JSON.createObjectNode()), RtpCapabilities.class);
        sendPeer = connectTransport(true);
        recvPeer = connectTransport(false);
        ObjectNode data = JSON.createObjectNode().put("displayName", displayName);
        data.set("device", JSON.createObjectNode().put("flag", "java").put("name", "JavaParticipant").put("version", "1"));
        data.set("rtpCapabilities", JSON.valueToTree(PeerCapabilities.from(routerCaps)));
        return request("join", data);
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
        join(up);
        if (producing) {
            sendTransportId = t.get("id").asText();
        }
        return peer;
    }

    MediaPeer sendPeer() {
        return sendPeer;
    }

    /** Produces a publication of the send peer; returns the producer id. */
    String produce(Publication publication) {
        ObjectNode data = JSON.createObjectNode().put("transportId", sendTransportId)
                .put("kind", publication.kind().value());
        data.set("rtpParameters", JSON.valueToTree(publication.rtpParameters()));
        data.set("appData", JSON.createObjectNode());
        return request("produce", data).get("id").asText();
    }

    JsonNode request(String method, JsonNode data) {
        return join(protoo.request(method, data));
    }

    CompletableFuture<JsonNode> requestAsync(String method, JsonNode data) {
        return protoo.request(method, data);
    }

    /** Waits until a notification of {@code method} whose data matches arrived. */
    JsonNode awaitNotification(String method, Predicate<JsonNode> matches) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode n : notificationData) {
                if (method.equals(n.get("method").asText()) && matches.test(n.get("data"))) {
                    return n.get("data");
                }
            }
            join(CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)));
        }
        throw new AssertionError(peerId + " never got " + method + "; got " + notifications);
    }

    ReceivedStream awaitStream(String producerId) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            ReceivedStream stream = received.get(producerId);
            if (stream != null) {
                return stream;
            }
            join(CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)));
        }
        throw new AssertionError(peerId + " never got a consumer of " + producerId);
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause().toString(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
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
