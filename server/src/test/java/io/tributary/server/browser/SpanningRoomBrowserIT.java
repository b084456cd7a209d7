package io.tributary.server.browser;

import static io.tributary.server.browser.BrowserMedia.SIGNALING;
import static io.tributary.server.browser.BrowserMedia.awaitMediaFrom;
import static io.tributary.server.browser.BrowserMedia.consumersOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.server.FreePorts;
import io.tributary.server.browser.Browsers.Page;
import io.tributary.server.cluster.ClusterNode;
import io.tributary.server.cluster.ClusterWiring;
import io.tributary.server.cluster.DispatcherNode;
import io.tributary.server.cluster.RedisProcess;
import io.tributary.server.config.ClusterConfig;
import io.tributary.server.config.ServerConfig;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 6's acceptance: a room split over two nodes by a cap of 2 peers per node, with real Chromium pages of the
 * web client opened on the dispatcher's URL (its proxy carries each page's WebSocket to the node it chose). Two nodes
 * and the dispatcher in this JVM on a real redis-server.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SpanningRoomBrowserIT {

    private static final String SECRET = "span-browser-secret-0123456789";
    private static final String ROOM = "town-hall";
    private static final List<String> PEERS = List.of("p1", "p2", "p3", "p4");

    private RedisProcess redis;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private DispatcherNode dispatcher;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        for (String id : List.of("a", "b")) {
            ClusterConfig cluster = ClusterConfig.defaults().toBuilder().role(ClusterConfig.Role.NODE).redisUrl(redis.url())
                    .nodeId(id).internalPort(FreePorts.tcp()).secret(SECRET).roomNodeCap(2).build();
            nodes.add(get(ClusterNode.start(new ServerConfig("127.0.0.1", 0, FreePorts.tcpPair(), 1, null)
                    .withCluster(cluster), ClusterWiring.states(redis.url()), ClusterWiring.placement(null, Map.of()))));
        }
        ClusterConfig cluster = ClusterConfig.defaults().toBuilder().role(ClusterConfig.Role.DISPATCHER)
                .redisUrl(redis.url()).roomNodeCap(2).build();
        dispatcher = get(DispatcherNode.start(new ServerConfig("127.0.0.1", 0, FreePorts.tcp(), 1, null)
                .withCluster(cluster), ClusterWiring.states(redis.url()), ClusterWiring.placement(null, Map.of())));
    }

    @AfterEach
    void stop() throws Exception {
        if (dispatcher != null) {
            get(dispatcher.close());
        }
        for (ClusterNode node : nodes) {
            get(node.close());
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void fourBrowsersOnTwoNodesDecodeEachOtherAndHearOfCloses() throws Exception {
        try (Browsers browsers = Browsers.start()) {
            Map<String, Page> pages = new LinkedHashMap<>();
            // One after the other, so the split is the cap's: the first two on the home, the next two spilled.
            for (String peer : PEERS) {
                Page page = browsers.open(peer, "http://127.0.0.1:" + dispatcher.port() + "/?roomId=" + ROOM
                        + "&peerId=" + peer + "&displayName=" + peer);
                page.await("the join", "tributary.state()", s -> s.path("joined").asBoolean(), SIGNALING);
                pages.put(peer, page);
            }
            List<String> home = peersOn(nodes.get(0)).contains("p1") ? peersOn(nodes.get(0)) : peersOn(nodes.get(1));
            List<String> spilled = peersOn(nodes.get(0)).contains("p1") ? peersOn(nodes.get(1)) : peersOn(nodes.get(0));
            assertEquals(List.of("p1", "p2"), home, "the home node hosts the first two");
            assertEquals(List.of("p3", "p4"), spilled, "the other node hosts the two beyond the cap");

            for (String viewer : PEERS) {
                awaitMediaFrom(pages.get(viewer), PEERS.stream().filter(p -> !p.equals(viewer)).toArray(String[]::new));
            }

            // With the spilled node's mics muted its observer hears only piped audio: the speaker is a home peer.
            for (String peer : spilled) {
                pages.get(peer).eval("tributary.muteMic()");
            }
            pages.get("p3").await("an activeSpeaker naming a peer of the other node", "tributary.state()",
                    s -> StreamSupport.stream(s.path("speakersSeen").spliterator(), false)
                            .anyMatch(id -> home.contains(id.asText())), SIGNALING);

            pages.get("p1").eval("tributary.disableWebcam()");
            for (String peer : spilled) {
                pages.get(peer).await("consumerClosed for p1's video", "tributary.state()",
                        s -> count(s, "consumerClosed") >= 1 && consumersOf(s, "p1", "video").isEmpty()
                                && consumersOf(s, "p1", "audio").size() == 1, SIGNALING);
            }
            // A producer made after the span was set up is piped on its own.
            pages.get("p1").eval("tributary.enableWebcam()");
            for (String peer : spilled) {
                awaitMediaFrom(pages.get(peer), "p1");
            }

            pages.remove("p4").close();
            for (Map.Entry<String, Page> stayer : pages.entrySet()) {
                Set<String> others = Set.copyOf(PEERS.stream().filter(p -> !p.equals(stayer.getKey()) && !p.equals("p4"))
                        .toList());
                stayer.getValue().await("peerClosed for p4", "tributary.state()",
                        s -> count(s, "peerClosed") >= 1 && peerIds(s).equals(others)
                                && consumersOf(s, "p4", null).isEmpty(), SIGNALING);
            }
        }
    }

    private static long count(JsonNode state, String method) {
        return state.path("received").path(method).asLong();
    }

    private static Set<String> peerIds(JsonNode state) {
        return Set.copyOf(StreamSupport.stream(state.get("peers").spliterator(), false).map(p -> p.get("id").asText())
                .toList());
    }

    private static List<String> peersOn(ClusterNode node) throws Exception {
        return get(node.node().rooms().summaries()).stream().filter(s -> s.room().roomId().equals(ROOM))
                .flatMap(s -> s.peers().stream()).sorted().toList();
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
