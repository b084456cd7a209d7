package io.tributary.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protoo.ProtooClient;
import io.tributary.protoo.ProtooClientOptions;
import io.tributary.protoo.RetrySchedule;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;

/**
 * A peer that only signals: connects (through a dispatcher or to a node), waits for the node's greeting, asks the
 * router capabilities and joins without media, as the demo app does when it neither produces nor consumes. Many of
 * them load a cluster's signaling cheaply.
 */
final class SignalingPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A few quick retries: a refused upgrade (a full cluster) must not keep a test waiting. */
    private static final ProtooClientOptions OPTIONS = ProtooClientOptions.defaults()
            .withRetry(new RetrySchedule(3, 2, 200, 1000));

    private final ProtooClient client;
    private final CompletableFuture<Void> greeted = new CompletableFuture<>();

    private SignalingPeer(Vertx vertx, String url) {
        this.client = ProtooClient.connect(vertx, url, OPTIONS, c -> {
            c.onNotification((method, data) -> {
                if ("mediasoup-version".equals(method)) {
                    greeted.complete(null);
                }
            });
            c.onRequest(request -> request.reject(403, "a signaling peer takes no consumers"));
            c.onClose(() -> greeted.completeExceptionally(new IllegalStateException("closed before the greeting")));
        });
    }

    /** Completes with the joined peer; fails if any step fails. */
    static CompletableFuture<SignalingPeer> join(Vertx vertx, String url, String displayName) {
        SignalingPeer peer = new SignalingPeer(vertx, url);
        ObjectNode join = JSON.createObjectNode().put("displayName", displayName);
        join.set("device", JSON.createObjectNode().put("flag", "java").put("name", "SignalingPeer").put("version", "1"));
        return peer.greeted
                .thenCompose(v -> peer.client.request("getRouterRtpCapabilities", JSON.createObjectNode()))
                .thenCompose(caps -> peer.client.request("join", join))
                .thenApply(answer -> peer)
                .whenComplete((p, e) -> {
                    if (e != null) {
                        peer.close();
                    }
                });
    }

    JsonNode request(String method) {
        return client.request(method, JSON.createObjectNode()).join();
    }

    boolean closed() {
        return client.closed();
    }

    @Override
    public void close() {
        client.close();
    }
}
