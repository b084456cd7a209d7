package io.tributary.server.span;

import static io.tributary.client.room.RoomParticipant.JSON;
import static io.tributary.client.room.RoomParticipant.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.client.media.data.DataChannel;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.client.room.RoomParticipant;
import io.tributary.server.FreePorts;
import io.tributary.server.cluster.ClusterNode;
import io.tributary.server.cluster.ClusterWiring;
import io.tributary.server.cluster.DispatcherNode;
import io.tributary.server.cluster.RedisProcess;
import io.tributary.server.config.ClusterConfig;
import io.tributary.server.config.ServerConfig;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import io.tributary.worker.sctp.SctpReliability;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A room split over two nodes by a cap of 2 peers per node: two nodes and a dispatcher in this JVM on a real
 * redis-server, Java participants publishing synthetic VP8 and Opus, and chatting over DataChannels, through the
 * dispatcher.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpanningRoomIT {

    private static final String SECRET = "span-test-secret-0123456789";
    private static final String ROOM = "town-hall";
    /** The demo's chat channel: unordered, limited lifetime. */
    private static final SctpReliability UNRELIABLE = new SctpReliability(false, -1, 2000);

    private RedisProcess redis;
    private final Vertx clients = Vertx.vertx();
    private final List<ClusterNode> nodes = new ArrayList<>();
    private DispatcherNode dispatcher;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        for (String id : List.of("a", "b")) {
            ClusterConfig cluster = ClusterConfig.defaults().toBuilder().role(ClusterConfig.Role.NODE).redisUrl(redis.url())
                    .nodeId(id).internalPort(FreePorts.tcp()).secret(SECRET).roomNodeCap(2).build();
            nodes.add(get(ClusterNode.start(new ServerConfig("127.0.0.1", 0, FreePorts.tcp(), 1, null).withCluster(cluster),
                    ClusterWiring.states(redis.url()), ClusterWiring.placement(null, Map.of()))));
        }
        ClusterConfig cluster = ClusterConfig.defaults().toBuilder().role(ClusterConfig.Role.DISPATCHER)
                .redisUrl(redis.url()).roomNodeCap(2).build();
        dispatcher = get(DispatcherNode.start(new ServerConfig("127.0.0.1", 0, FreePorts.tcp(), 1, null)
                .withCluster(cluster), ClusterWiring.states(redis.url()), ClusterWiring.placement(null, Map.of())));
    }

    @AfterEach
    void stop() throws Exception {
        get(clients.close());
        if (dispatcher != null) {
            get(dispatcher.close());
        }
        for (ClusterNode node : nodes) {
            get(node.close());
        }
        redis.close();
    }

    @Test
    void fourPeersOnTwoNodesSeeAndHearEachOtherAndLeavesReachEveryone() throws Exception {
        List<String> ids = List.of("p1", "p2", "p3", "p4");
        Map<String, RoomParticipant> peers = new HashMap<>();
        Map<String, String> video = new HashMap<>();
        Map<String, String> audio = new HashMap<>();
        Map<String, JsonNode> answers = new HashMap<>();
        try {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                RoomParticipant p = new RoomParticipant(clients, "ws://127.0.0.1:" + dispatcher.port() + "/?roomId="
                        + ROOM + "&peerId=" + id, id);
                peers.put(id, p);
                answers.put(id, p.join(id.toUpperCase()));
                audio.put(id, p.produce(p.sendPeer().publishOpus(OpusOptions.of("0", 1000 + i))));
                video.put(id, p.produce(p.sendPeer().publishVp8(Vp8Options.single("1", 2000 + 10 * i, 2001 + 10 * i))));
            }
            List<String> onA = peersOn(nodes.get(0));
            List<String> onB = peersOn(nodes.get(1));
            assertEquals(java.util.Set.of(List.of("p1", "p2"), List.of("p3", "p4")), java.util.Set.of(onA, onB),
                    "a has " + onA + ", b has " + onB);

            for (String viewer : ids) {
                for (String other : ids) {
                    if (viewer.equals(other)) {
                        continue;
                    }
                    RoomParticipant p = peers.get(viewer);
                    assertTrue(knows(answers.get(viewer), other) || p.hasNotification("newPeer")
                            && p.notifications().stream().anyMatch(n -> "newPeer".equals(n.get("method").asText())
                            && other.equals(n.get("data").get("id").asText())), viewer + " never heard of " + other);
                    assertTrue(await(p.awaitStream(video.get(other)).await(s -> s.frames() >= 10)).frames() >= 10);
                    assertTrue(await(p.awaitStream(audio.get(other)).await(s -> s.packets() >= 20)).packets() >= 20);
                }
            }

            String acrossFromP1 = "p3";
            peers.get("p1").request("closeProducer", JSON.createObjectNode().put("producerId", video.get("p1")));
            String closedConsumer = peers.get(acrossFromP1).consumerIdByProducer().get(video.get("p1"));
            peers.get(acrossFromP1).awaitNotification("consumerClosed",
                    d -> closedConsumer.equals(d.get("consumerId").asText()));

            peers.remove("p4").close();
            for (String stayer : List.of("p1", "p2", "p3")) {
                RoomParticipant p = peers.get(stayer);
                p.awaitNotification("peerClosed", d -> "p4".equals(d.get("peerId").asText()));
                for (String producer : List.of(video.get("p4"), audio.get("p4"))) {
                    String consumer = p.consumerIdByProducer().get(producer);
                    p.awaitNotification("consumerClosed", d -> consumer.equals(d.get("consumerId").asText()));
                }
            }
        } finally {
            peers.values().forEach(RoomParticipant::close);
        }
    }

    @Test
    void aJoinReachingAnotherNodeGoesToTheHomeUntilItIsFullThenStaysAsASpill() throws Exception {
        List<RoomParticipant> peers = new ArrayList<>();
        try {
            RoomParticipant first = new RoomParticipant(clients, "ws://127.0.0.1:" + dispatcher.port() + "/?roomId="
                    + ROOM + "&peerId=p1", "p1");
            peers.add(first);
            first.join("P1");
            ClusterNode home = peersOn(nodes.get(0)).isEmpty() ? nodes.get(1) : nodes.get(0);
            ClusterNode other = home == nodes.get(0) ? nodes.get(1) : nodes.get(0);
            String otherUrl = "ws://127.0.0.1:" + other.node().httpPort() + "/?roomId=" + ROOM + "&peerId=";
            String firstAudio = first.produce(first.sendPeer().publishOpus(OpusOptions.of("0", 1000)));

            RoomParticipant second = new RoomParticipant(clients, otherUrl + "p2", "p2");
            peers.add(second);
            second.join("P2");
            assertEquals(List.of("p1", "p2"), peersOn(home), "the other node sent p2 to the home, which had room");

            RoomParticipant third = new RoomParticipant(clients, otherUrl + "p3", "p3");
            peers.add(third);
            JsonNode answer = third.join("P3");
            assertEquals(List.of("p3"), peersOn(other), "with the home full, the other node kept p3 as a member");
            assertEquals(List.of("p1", "p2"), peersOn(home));
            for (String homePeer : List.of("p1", "p2")) {
                if (!knows(answer, homePeer)) {
                    third.awaitNotification("newPeer", d -> homePeer.equals(d.get("id").asText()));
                }
            }
            assertTrue(await(third.awaitStream(firstAudio).await(s -> s.packets() >= 20)).packets() >= 20);
        } finally {
            peers.forEach(RoomParticipant::close);
        }
    }

    @Test
    void chatReachesPeersOnTheOtherNodeBothWays() throws Exception {
        List<RoomParticipant> peers = new ArrayList<>();
        try {
            RoomParticipant p1 = participant("p1", peers);
            p1.join("P1", true);
            DataChannel p1Chat = p1.produceData("chat", UNRELIABLE);
            RoomParticipant p2 = participant("p2", peers);
            p2.join("P2", true);
            RoomParticipant p3 = participant("p3", peers);
            p3.join("P3", true);
            List<String> onA = peersOn(nodes.get(0));
            List<String> onB = peersOn(nodes.get(1));
            assertEquals(java.util.Set.of(List.of("p1", "p2"), List.of("p3")), java.util.Set.of(onA, onB),
                    "a has " + onA + ", b has " + onB);

            // p1's chat existed before p3's node joined the room: it comes with the greeting
            DataChannel p3SeesP1 = p3.awaitDataConsumer("chat", 0);
            assertEquals(SendResult.SENT, await(p1Chat.send("hello from p1")));
            assertEquals("hello from p1", await(p3SeesP1.await(m -> !m.isEmpty())).get(0).text());

            // chats produced afterwards are piped as they appear, both ways
            DataChannel p3Chat = p3.produceData("chat", UNRELIABLE);
            DataChannel p1SeesP3 = p1.awaitDataConsumer("chat", 0);
            DataChannel p2SeesP3 = p2.awaitDataConsumer("chat", 1);
            assertEquals(SendResult.SENT, await(p3Chat.send("hello from p3")));
            assertEquals("hello from p3", await(p1SeesP3.await(m -> !m.isEmpty())).get(0).text());
            assertEquals("hello from p3", await(p2SeesP3.await(m -> !m.isEmpty())).get(0).text());
            DataChannel p2Chat = p2.produceData("chat", UNRELIABLE);
            DataChannel p3SeesP2 = p3.awaitDataConsumer("chat", 1);
            assertEquals(SendResult.SENT, await(p2Chat.send("hello from p2")));
            assertEquals("hello from p2", await(p3SeesP2.await(m -> !m.isEmpty())).get(0).text());

            peers.get(0).close();
            p3.awaitNotification("dataConsumerClosed", d -> d.hasNonNull("dataConsumerId"));
        } finally {
            peers.forEach(RoomParticipant::close);
        }
    }

    private RoomParticipant participant(String id, List<RoomParticipant> peers) {
        RoomParticipant p = new RoomParticipant(clients, "ws://127.0.0.1:" + dispatcher.port() + "/?roomId=" + ROOM
                + "&peerId=" + id, id);
        peers.add(p);
        return p;
    }

    private static boolean knows(JsonNode joinAnswer, String peerId) {
        for (JsonNode peer : joinAnswer.get("peers")) {
            if (peerId.equals(peer.get("id").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> peersOn(ClusterNode node) throws Exception {
        return get(node.node().rooms().summaries()).stream().filter(s -> s.room().roomId().equals(ROOM))
                .flatMap(s -> s.peers().stream()).sorted().toList();
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    }
}
