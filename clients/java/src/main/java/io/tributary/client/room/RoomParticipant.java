package io.tributary.client.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.media.MediaPeer;
import io.tributary.client.media.PeerCapabilities;
import io.tributary.client.media.RemoteTransport;
import io.tributary.client.media.data.DataChannel;
import io.tributary.client.media.data.PeerDataChannels;
import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.send.Publication;
import io.tributary.protoo.ProtooClient;
import io.tributary.protoo.ProtooClientOptions;
import io.tributary.protoo.ProtooRequest;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.RtpCapabilities;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.ortc.SctpParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.sctp.SctpReliability;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A headless room participant doing what mediasoup-client and the demo app do: protoo signaling,
 * a send and a receive WebRtcTransport (each a Java media peer), join, produce, and answering
 * {@code newConsumer} by starting to receive. It keeps what the server told it, and stamps the
 * moments a join goes through ({@link System#nanoTime()}) for join-time measurements.
 */
public final class RoomParticipant implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 20;
    /** What a room's node sends first on every connection (a dispatcher in redirect mode never does). */
    private static final String GREETING = "mediasoup-version";

    private final String peerId;
    private final Vertx vertx;
    private final ProtooClient protoo;
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    /** Remote producer id -> what this participant receives of it. */
    private final Map<String, ReceivedStream> received = new ConcurrentHashMap<>();
    private final Map<String, String> consumerIdByProducer = new ConcurrentHashMap<>();
    private final long connectAt = System.nanoTime();
    private final long openedAt;
    private final CompletableFuture<Long> firstVideoKeyFrameAt = new CompletableFuture<>();
    private volatile long joinAnsweredAt;
    private volatile long videoConsumerAt;
    private MediaPeer sendPeer;
    private MediaPeer recvPeer;
    private String sendTransportId;
    private boolean dataChannels;
    private int nextSendStreamId;
    /** How many DataChannels of each label the server offered so far. */
    private final Map<String, Integer> dataConsumerCounts = new ConcurrentHashMap<>();
    /** "label#index" -> the index-th DataChannel of that label the server offered. */
    private final Map<String, CompletableFuture<DataChannel>> dataConsumers = new ConcurrentHashMap<>();

    /** Connects to {@code ws://127.0.0.1:port/?roomId=&peerId=} and waits until it is open. */
    public RoomParticipant(Vertx vertx, int port, String roomId, String peerId) {
        this(vertx, "ws://127.0.0.1:" + port + "/?roomId=" + roomId + "&peerId=" + peerId, peerId);
    }

    /**
     * Connects to a node's or a dispatcher's protoo {@code url} (carrying roomId and this peerId), following
     * redirects, and waits until the room's node greeted it ({@code mediasoup-version}).
     */
    public RoomParticipant(Vertx vertx, String url, String peerId) {
        this.vertx = vertx;
        this.peerId = peerId;
        CompletableFuture<Void> greeted = new CompletableFuture<>();
        // Handlers go in before the first attempt, so not even the greeting can slip past them.
        this.protoo = ProtooClient.connect(vertx, url, ProtooClientOptions.defaults(), client -> {
            client.onNotification((method, data) -> {
                notifications.add(JSON.createObjectNode().put("method", method).set("data", data));
                if (GREETING.equals(method)) {
                    greeted.complete(null);
                }
            });
            client.onRequest(this::serverRequest);
        });
        // Stamped by the completion itself: a stamp after get() returns would include a thread wake-up.
        openedAt = await(protoo.opened().thenApply(v -> System.nanoTime()));
        await(greeted);
    }

    public String peerId() {
        return peerId;
    }

    /** The server offers consumers ({@code newConsumer}, {@code newDataConsumer}); this participant takes each. */
    private void serverRequest(ProtooRequest request) {
        if ("newConsumer".equals(request.method())) {
            JsonNode data = request.data();
            ReceivedStream stream = recvPeer.receive(JSON.convertValue(data.get("rtpParameters"), RtpParameters.class));
            if ("video".equals(data.path("kind").asText())) {
                videoConsumerAt = System.nanoTime();
                // Registered before accepting: the SFU resumes the consumer only on the answer, so
                // no packet can slip in before the waiter and its stamp is the key frame's arrival.
                stream.awaitKeyFrames(1).thenRun(() -> firstVideoKeyFrameAt.complete(System.nanoTime()));
            }
            received.put(data.get("producerId").asText(), stream);
            consumerIdByProducer.put(data.get("producerId").asText(), data.get("id").asText());
            request.accept();
        } else if ("newDataConsumer".equals(request.method()) && dataChannels) {
            JsonNode data = request.data();
            String label = data.path("label").asText();
            recvPeer.data().open(data.path("sctpStreamParameters").path("streamId").asInt(), label,
                    SctpReliability.RELIABLE_ORDERED).thenAccept(channel -> {
                        int index = dataConsumerCounts.merge(label, 1, Integer::sum) - 1;
                        dataConsumerSlot(label, index).complete(channel);
                        request.accept();
                    });
        } else {
            request.reject(403, "unexpected request " + request.method());
        }
    }

    /** The demo's join flow: capabilities, send and receive transports, then join; returns its answer. */
    public JsonNode join(String displayName) {
        return join(displayName, false);
    }

    /** As {@link #join(String)}; with {@code dataChannels} the transports carry SCTP, as a browser's with DataChannels. */
    public JsonNode join(String displayName, boolean dataChannels) {
        this.dataChannels = dataChannels;
        RtpCapabilities routerCaps = JSON.convertValue(request("getRouterRtpCapabilities", JSON.createObjectNode()),
                RtpCapabilities.class);
        sendPeer = connectTransport(true);
        recvPeer = connectTransport(false);
        ObjectNode data = JSON.createObjectNode().put("displayName", displayName);
        data.set("device", JSON.createObjectNode().put("flag", "java").put("name", "RoomParticipant").put("version", "1"));
        data.set("rtpCapabilities", JSON.valueToTree(PeerCapabilities.from(routerCaps)));
        if (dataChannels) {
            data.set("sctpCapabilities", sctpCapabilities());
        }
        // Stamped on arrival: newConsumer follows the answer at once, and a later stamp could come after it.
        return await(protoo.request("join", data).thenApply(answer -> {
            joinAnsweredAt = System.nanoTime();
            return answer;
        }));
    }

    private MediaPeer connectTransport(boolean producing) {
        ObjectNode options = JSON.createObjectNode().put("forceTcp", false).put("producing", producing)
                .put("consuming", !producing);
        if (dataChannels) {
            options.set("sctpCapabilities", sctpCapabilities());
        }
        JsonNode t = request("createWebRtcTransport", options);
        MediaPeer peer = MediaPeer.create(vertx);
        CompletableFuture<Void> up = peer.connect(new RemoteTransport(
                JSON.convertValue(t.get("iceParameters"), IceParameters.class),
                List.of(JSON.convertValue(t.get("iceCandidates"), IceCandidate[].class)),
                JSON.convertValue(t.get("dtlsParameters"), DtlsParameters.class),
                JSON.convertValue(t.get("sctpParameters"), SctpParameters.class)), TransportProtocol.UDP);
        ObjectNode connect = JSON.createObjectNode().put("transportId", t.get("id").asText());
        connect.set("dtlsParameters", JSON.valueToTree(peer.localDtlsParameters()));
        request("connectWebRtcTransport", connect);
        await(up);
        if (producing) {
            sendTransportId = t.get("id").asText();
        }
        return peer;
    }

    /** The media peer of the send transport, to publish on. */
    public MediaPeer sendPeer() {
        return sendPeer;
    }

    /** Produces a publication of the send peer; returns the producer id. */
    public String produce(Publication publication) {
        ObjectNode data = JSON.createObjectNode().put("transportId", sendTransportId)
                .put("kind", publication.kind().value());
        data.set("rtpParameters", JSON.valueToTree(publication.rtpParameters()));
        data.set("appData", JSON.createObjectNode());
        return request("produce", data).get("id").asText();
    }

    /**
     * Opens a DataChannel on the send transport (as mediasoup-client's {@code produceData}: the next
     * stream id, negotiated) and tells the server; returns the channel once the server answered.
     */
    public DataChannel produceData(String label, SctpReliability reliability) {
        await(sendPeer.data().connected());
        int streamId = nextSendStreamId++;
        ObjectNode stream = JSON.createObjectNode().put("streamId", streamId).put("ordered", reliability.ordered());
        if (reliability.maxPacketLifeTimeMillis() >= 0) {
            stream.put("maxPacketLifeTime", reliability.maxPacketLifeTimeMillis());
        }
        if (reliability.maxRetransmits() >= 0) {
            stream.put("maxRetransmits", reliability.maxRetransmits());
        }
        DataChannel channel = await(sendPeer.data().open(streamId, label, reliability));
        ObjectNode data = JSON.createObjectNode().put("transportId", sendTransportId).put("label", label)
                .put("protocol", "");
        data.set("sctpStreamParameters", stream);
        data.set("appData", JSON.createObjectNode());
        request("produceData", data);
        return channel;
    }

    /**
     * The {@code index}-th DataChannel the server offered with {@code label}, once it has and the
     * receiving association is up (a browser's DataChannel 'open'): the SFU drops what it would send
     * on an association still connecting.
     */
    public DataChannel awaitDataConsumer(String label, int index) {
        DataChannel channel = await(dataConsumerSlot(label, index));
        await(recvPeer.data().connected());
        return channel;
    }

    private CompletableFuture<DataChannel> dataConsumerSlot(String label, int index) {
        return dataConsumers.computeIfAbsent(label + "#" + index, key -> new CompletableFuture<>());
    }

    private static JsonNode sctpCapabilities() {
        ObjectNode numStreams = JSON.createObjectNode().put("OS", PeerDataChannels.NUM_STREAMS)
                .put("MIS", PeerDataChannels.NUM_STREAMS);
        ObjectNode caps = JSON.createObjectNode();
        caps.set("numStreams", numStreams);
        return caps;
    }

    public JsonNode request(String method, JsonNode data) {
        return await(protoo.request(method, data));
    }

    public CompletableFuture<JsonNode> requestAsync(String method, JsonNode data) {
        return protoo.request(method, data);
    }

    /** Every notification so far, as {@code {method, data}}, in arrival order. */
    public List<JsonNode> notifications() {
        return notifications;
    }

    public boolean hasNotification(String method) {
        return notifications.stream().anyMatch(n -> method.equals(n.get("method").asText()));
    }

    /** Remote producer id -> consumer id, from the server's newConsumer requests. */
    public Map<String, String> consumerIdByProducer() {
        return consumerIdByProducer;
    }

    /** Waits until a notification of {@code method} whose data matches arrived. */
    public JsonNode awaitNotification(String method, Predicate<JsonNode> matches) {
        return poll(() -> {
            for (JsonNode n : notifications) {
                if (method.equals(n.get("method").asText()) && matches.test(n.get("data"))) {
                    return n.get("data");
                }
            }
            return null;
        }, peerId + " never got " + method);
    }

    /** Waits until the server offered a consumer of {@code producerId}, and returns what arrives of it. */
    public ReceivedStream awaitStream(String producerId) {
        return poll(() -> received.get(producerId), peerId + " never got a consumer of " + producerId);
    }

    /** {@link System#nanoTime()} when the WebSocket was opened, the start of a join. */
    public long connectAt() {
        return connectAt;
    }

    public long openedAt() {
        return openedAt;
    }

    public long joinAnsweredAt() {
        return joinAnsweredAt;
    }

    public long videoConsumerAt() {
        return videoConsumerAt;
    }

    /** Completes with the time the first video key frame arrived on a video consumer. */
    public CompletableFuture<Long> firstVideoKeyFrameAt() {
        return firstVideoKeyFrameAt;
    }

    private static <T> T poll(java.util.function.Supplier<T> probe, String failure) {
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS);
        while (System.currentTimeMillis() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            await(CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)));
        }
        throw new IllegalStateException(failure);
    }

    /** Every step is bounded, so a stalled join fails instead of hanging. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
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
