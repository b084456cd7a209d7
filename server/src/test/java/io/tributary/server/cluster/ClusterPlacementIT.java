package io.tributary.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.client.room.RoomParticipant;
import io.tributary.server.cluster.TestCluster.Dispatcher;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Placement across processes: regions (query and header), namespace pools (a tenant's own nodes), a full pool
 * answering 503 at once, a Java protoo client following {@code redirect=1}, and the broadcaster API through the
 * dispatcher. Redis, four nodes and one dispatcher.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterPlacementIT {

    private static TestCluster cluster;
    private static Dispatcher dispatcher;
    /** Knows loopback clients as coming from 'us'. */
    private static Dispatcher usDispatcher;
    private static Vertx clients;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.withRedis();
        cluster.node("eu-1", "--region", "eu");
        cluster.node("us-1", "--region", "us");
        cluster.node("acme-1", "--region", "eu", "--labels", "pool=acme");
        cluster.node("tiny-1", "--region", "eu", "--labels", "pool=tiny", "--capacity", "1");
        dispatcher = cluster.dispatcher("--pools", "acme=acme,tiny=tiny");
        usDispatcher = cluster.dispatcher("--pools", "acme=acme,tiny=tiny", "--region-cidrs", "127.0.0.0/8=us,::1/128=us",
                "--region-fallback", "us=eu");
        cluster.awaitReady();
        clients = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aRoomGoesToItsFirstJoinersRegion() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals("us-1", resolve("/api/resolve?roomId=us-room-" + i + "&region=us").get("nodeId").asText());
            assertEquals("eu-1", resolve("/api/resolve?roomId=eu-room-" + i + "&region=eu").get("nodeId").asText());
        }
        HttpResponse<String> byHeader = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + dispatcher.port() + "/api/resolve?roomId=header-room"))
                .header("X-Tributary-Region", "us").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("us-1", TestCluster.JSON.readTree(byHeader.body()).get("nodeId").asText());

        try (SignalingPeer peer = SignalingPeer.join(clients, dispatcher.url("joined-in-us", "p", "&region=us"), "p")
                .get(20, TimeUnit.SECONDS)) {
            assertEquals(Map.of("us-1", 1), cluster.roomPeers().get("default/joined-in-us"));
        }
    }

    @Test
    void aJoinerWithoutANamedRegionGetsTheRegionOfItsAddressRange() {
        for (int i = 0; i < 5; i++) {
            assertEquals("us-1", cluster.getJson(usDispatcher.port(), "/api/resolve?roomId=cidr-room-" + i)
                    .get("nodeId").asText());
        }
        assertEquals("eu-1", cluster.getJson(usDispatcher.port(), "/api/resolve?roomId=named-room&region=eu")
                .get("nodeId").asText(), "a named region wins over the address range");
    }

    @Test
    void aNamespaceWithADedicatedNodeStaysThereAndOthersNeverGoThere() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals("acme-1", resolve("/api/resolve?namespace=acme&roomId=a" + i).get("nodeId").asText());
            String other = resolve("/api/resolve?roomId=d" + i).get("nodeId").asText();
            assertTrue(List.of("eu-1", "us-1").contains(other), "a default-namespace room on " + other);
        }
        try (SignalingPeer peer = SignalingPeer.join(clients, dispatcher.url("board", "p", "&namespace=acme"), "p")
                .get(20, TimeUnit.SECONDS)) {
            assertEquals(Map.of("acme-1", 1), cluster.roomPeers().get("acme/board"));
        }
    }

    @Test
    void aFullPoolAnswers503AtOnceOverHttpAndWebSocket() throws Exception {
        try (SignalingPeer only = SignalingPeer.join(clients, dispatcher.url("first", "p", "&namespace=tiny"), "p")
                .get(20, TimeUnit.SECONDS)) {
            assertEquals(Map.of("tiny-1", 1), cluster.roomPeers().get("tiny/first"));
            TestCluster.await(Duration.ofSeconds(5), "tiny-1 reports its one peer (its capacity)",
                    () -> cluster.registryRecord("tiny-1").path("peers").asInt() == 1);
            assertFullPoolRefused();
        }
    }

    private void assertFullPoolRefused() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> full = cluster.get(dispatcher.port(), "/api/resolve?namespace=tiny&roomId=second");
        assertEquals(503, full.statusCode(), full.body());
        assertTrue(full.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("protoo")
                        .buildAsync(URI.create(dispatcher.url("third", "p", "&namespace=tiny")), new WebSocket.Listener() { })
                        .get(5, TimeUnit.SECONDS));
        HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertEquals(503, response.statusCode());
        assertTrue(String.valueOf(response.body()).contains("tiny"), String.valueOf(response.body()));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "refused promptly");
    }

    @Test
    void withRedirectAJavaProtooClientFollowsToTheHomeNodeAndJoins() {
        try (RoomParticipant alice = new RoomParticipant(clients, dispatcher.url("redirected", "alice", "&redirect=1"),
                "alice")) {
            JsonNode redirect = alice.awaitNotification("redirect", d -> true);
            alice.join("Alice");
            Map<String, Integer> where = cluster.roomPeers().get("default/redirected");
            assertEquals(1, where.size(), where.toString());
            String home = where.keySet().iterator().next();
            int port = cluster.nodes().stream().filter(n -> n.id().equals(home)).findFirst().orElseThrow().port();
            assertTrue(redirect.get("url").asText().startsWith("ws://127.0.0.1:" + port + "/?"), redirect.toString());
        }
    }

    @Test
    void theBroadcasterApiIsProxiedToTheRoomsHome() throws Exception {
        HttpResponse<String> caps = cluster.get(dispatcher.port(), "/rooms/broadcast");
        assertEquals(200, caps.statusCode(), caps.body());
        JsonNode expected = TestCluster.JSON.readTree(getClass().getResourceAsStream("/demo-router-rtp-capabilities.json"));
        assertEquals(expected, TestCluster.JSON.readTree(caps.body()));
        TestCluster.await(Duration.ofSeconds(5), "the room on one node",
                () -> cluster.roomPeers().containsKey("default/broadcast"));
        assertEquals(1, cluster.roomPeers().get("default/broadcast").size());
    }

    private static JsonNode resolve(String path) {
        return cluster.getJson(dispatcher.port(), path);
    }
}
