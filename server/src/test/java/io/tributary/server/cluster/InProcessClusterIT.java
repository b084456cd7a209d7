package io.tributary.server.cluster;

import static io.tributary.client.room.RoomParticipant.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.client.room.RoomParticipant;
import io.tributary.server.FreePorts;
import io.tributary.server.config.ClusterConfig;
import io.tributary.server.config.ServerConfig;
import io.tributary.state.InMemoryClusterState;
import io.tributary.state.NodeState;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A dispatcher and two nodes in one process on one in-memory cluster state: the ways a client reaches a room's home
 * (proxy, redirect, a node redirecting), the resolve API, drain and a full cluster, without Redis or extra JVMs.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InProcessClusterIT {

    private final InMemoryClusterState state = new InMemoryClusterState();
    private final Vertx clients = Vertx.vertx();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ClusterNode a;
    private ClusterNode b;
    private DispatcherNode dispatcher;

    @BeforeEach
    void start() throws Exception {
        a = get(ClusterNode.start(nodeConfig("a"), v -> state, ClusterWiring.placement(null, java.util.Map.of())));
        b = get(ClusterNode.start(nodeConfig("b"), v -> state, ClusterWiring.placement(null, java.util.Map.of())));
        ServerConfig config = new ServerConfig("127.0.0.1", 0, FreePorts.tcp(), 1, null)
                .withCluster(ClusterConfig.defaults().toBuilder().role(ClusterConfig.Role.DISPATCHER).build());
        dispatcher = get(DispatcherNode.start(config, v -> state, ClusterWiring.placement(null, java.util.Map.of())));
    }

    @AfterEach
    void stop() throws Exception {
        get(clients.close());
        for (Future<Void> closing : List.of(dispatcher.close(), a.close(), b.close())) {
            get(closing);
        }
    }

    @Test
    void peersJoiningThroughTheProxyAllLandOnTheRoomsHome() throws Exception {
        try (RoomParticipant alice = participant(dispatcherUrl("proxied", "alice", ""));
             RoomParticipant bob = participant(dispatcherUrl("proxied", "bob", ""))) {
            alice.join("Alice");
            JsonNode peers = bob.join("Bob").get("peers");
            assertEquals("alice", peers.get(0).get("id").asText());
            ClusterNode home = homeOf("proxied");
            assertEquals(List.of("alice", "bob"), peersOn(home, "proxied"));
            assertFalse(alice.hasNotification("redirect"), "the proxy hides node redirects from stock clients");
        }
    }

    @Test
    void withRedirectTheJavaClientFollowsToTheHomeNodeAndJoins() throws Exception {
        try (RoomParticipant carol = participant(dispatcherUrl("redirected", "carol", "&redirect=1"))) {
            assertTrue(carol.hasNotification("redirect"), carol.notifications().toString());
            JsonNode redirect = carol.awaitNotification("redirect", d -> true);
            ClusterNode home = homeOf("redirected");
            assertTrue(redirect.get("url").asText().startsWith(home.node().announcedUrl() + "?"), redirect.toString());
            assertFalse(redirect.get("url").asText().contains("redirect="), redirect.toString());
            carol.join("Carol");
            assertEquals(List.of("carol"), peersOn(home, "redirected"));
        }
    }

    @Test
    void aNodeSendsJoinsForAnotherNodesRoomToThatNode() throws Exception {
        try (RoomParticipant dave = participant(nodeUrl(a, "mine", "dave"));
             RoomParticipant erin = participant(nodeUrl(b, "mine", "erin"))) {
            dave.join("Dave");
            erin.join("Erin");
            assertTrue(erin.hasNotification("redirect"), erin.notifications().toString());
            assertEquals(List.of("dave", "erin"), peersOn(a, "mine"));
            assertEquals("a", get(state.roomHome(new RoomKey(null, "mine"))).orElseThrow());
        }
        // The last peer left: the room closed and its lease is gone.
        awaitTrue(() -> get(state.roomHome(new RoomKey(null, "mine"))).isEmpty(), "the lease released");
    }

    @Test
    void roomsOfDifferentNamespacesAreDifferentRooms() throws Exception {
        try (RoomParticipant one = participant(nodeUrl(a, "same", "p1") + "&namespace=tenant1");
             RoomParticipant two = participant(nodeUrl(a, "same", "p1") + "&namespace=tenant2")) {
            assertEquals(0, one.join("One").get("peers").size());
            assertEquals(0, two.join("Two").get("peers").size());
            assertTrue(get(state.roomHome(new RoomKey("tenant1", "same"))).isPresent());
            assertTrue(get(state.roomHome(new RoomKey("tenant2", "same"))).isPresent());
        }
    }

    @Test
    void resolveHealthAndNodesAnswerFromTheRegistry() throws Exception {
        JsonNode resolved = JSON.readTree(get("/api/resolve?roomId=r1&namespace=ns").body());
        ClusterNode home = resolved.get("nodeId").asText().equals("a") ? a : b;
        assertEquals(home.node().announcedUrl(), resolved.get("url").asText());
        assertEquals("default", resolved.get("region").asText());
        assertEquals(resolved, JSON.readTree(get("/api/resolve?roomId=r1&namespace=ns").body()), "a room keeps its home");
        assertEquals(400, get("/api/resolve").statusCode());
        assertEquals(200, get("/api/health").statusCode());
        assertEquals(2, JSON.readTree(get("/api/nodes").body()).size());
    }

    @Test
    void aDrainingNodeKeepsItsRoomsButNewRoomsGoElsewhere() throws Exception {
        try (RoomParticipant first = participant(nodeUrl(a, "before", "first"))) {
            first.join("First");
            Future<Void> drained = a.drain();
            awaitTrue(() -> get(state.node("a")).orElseThrow().state() == NodeState.DRAINING, "a draining in the registry");
            try (RoomParticipant second = participant(nodeUrl(a, "before", "second"))) {
                second.join("Second");
                assertFalse(second.hasNotification("redirect"), "an existing room keeps accepting joins");
                assertEquals(List.of("first", "second"), peersOn(a, "before"));
            }
            try (RoomParticipant third = participant(nodeUrl(a, "after", "third"))) {
                third.join("Third");
                assertTrue(third.hasNotification("redirect"), "a new room goes to a serving node");
                assertEquals(List.of("third"), peersOn(b, "after"));
            }
            assertEquals("b", JSON.readTree(get("/api/resolve?roomId=later").body()).get("nodeId").asText());
            assertFalse(drained.isComplete(), "a room is still open on a");
        }
        awaitTrue(() -> a.node().rooms().size() == 0, "a empty once its last peer left");
    }

    @Test
    void aFullClusterAnswers503Promptly() throws Exception {
        get(a.drain());
        get(b.drain());
        long start = System.nanoTime();
        HttpResponse<String> resolve = get("/api/resolve?roomId=nowhere");
        assertEquals(503, resolve.statusCode());
        assertTrue(resolve.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        try {
            http.newWebSocketBuilder().subprotocols("protoo")
                    .buildAsync(URI.create(dispatcherUrl("nowhere", "p", "")), new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS);
            throw new AssertionError("the upgrade was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
            assertEquals(503, refused.getResponse().statusCode());
            assertTrue(String.valueOf(refused.getResponse().body()).contains("no node can take room default/nowhere"));
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "answered promptly");
    }

    // ---- helpers ----

    private ServerConfig nodeConfig(String id) {
        return new ServerConfig("127.0.0.1", 0, FreePorts.tcp(), 1, null).withCluster(ClusterConfig.defaults().toBuilder()
                .role(ClusterConfig.Role.NODE).nodeId(id).drainTimeout(Duration.ofSeconds(30)).build());
    }

    private RoomParticipant participant(String url) {
        String peerId = url.replaceFirst(".*peerId=([^&]*).*", "$1");
        return new RoomParticipant(clients, url, peerId);
    }

    private String dispatcherUrl(String room, String peer, String extra) {
        return "ws://127.0.0.1:" + dispatcher.port() + "/?roomId=" + room + "&peerId=" + peer + extra;
    }

    private static String nodeUrl(ClusterNode node, String room, String peer) {
        return node.node().announcedUrl() + "?roomId=" + room + "&peerId=" + peer;
    }

    private ClusterNode homeOf(String room) throws Exception {
        String home = get(state.roomHome(new RoomKey(null, room))).orElseThrow();
        ClusterNode node = home.equals("a") ? a : b;
        assertNotEquals(null, node);
        return node;
    }

    private static List<String> peersOn(ClusterNode node, String room) throws Exception {
        return get(node.node().rooms().summaries()).stream()
                .filter(s -> s.room().roomId().equals(room)).flatMap(s -> s.peers().stream()).sorted().toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dispatcher.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T get(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (CompletionException e) {
            throw e;
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(50);
        }
    }
}
