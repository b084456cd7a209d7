package io.tributary.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.dispatcher.placement.BoundedLoadConsistentHashing;
import io.tributary.server.cluster.TestCluster.Dispatcher;
import io.tributary.server.cluster.TestCluster.Node;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster as separate processes on loopback: a real redis-server, three nodes and two dispatchers, loaded with
 * 200 rooms of three signaling peers each, then put through a Redis restart, a node killed with SIGKILL and a node
 * drained with SIGTERM. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterLoadIT {

    private static final int ROOMS = 200;
    private static final int PEERS_PER_ROOM = 3;
    private static final int JOINS_IN_FLIGHT = 24;
    /** The default strategy (bounded-load consistent hashing) keeps every node within (1 + ε) of the mean. */
    private static final double EPSILON = BoundedLoadConsistentHashing.DEFAULT_EPSILON;
    private static final Duration JOINS = Duration.ofSeconds(90);

    private static TestCluster cluster;
    private static Vertx clients;
    /** Room id -> its peers, kept connected from step to step. */
    private static final Map<String, List<SignalingPeer>> PEERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.withRedis();
        for (int i = 1; i <= 3; i++) {
            // Sized for the whole load, so that after the kill and the drain the last node still takes new rooms.
            cluster.node("node-" + i, "--drain-timeout", "60", "--capacity", "2000");
        }
        cluster.dispatcher();
        cluster.dispatcher();
        cluster.awaitReady();
        clients = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        PEERS.values().forEach(peers -> peers.forEach(SignalingPeer::close));
        if (clients != null) {
            clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyPeerOfARoomLandsOnTheRoomsOneNodeAndRoomsSpreadWithinTheBound() throws Exception {
        List<String> failures = joinAll(roomIds("load-", ROOMS), PEERS_PER_ROOM);
        assertTrue(failures.isEmpty(), failures.size() + " joins failed, first: " + failures.stream().findFirst());

        Map<String, Map<String, Integer>> where = cluster.roomPeers();
        Map<String, Integer> roomsPerNode = new TreeMap<>();
        for (String room : roomIds("load-", ROOMS)) {
            Map<String, Integer> homes = where.get("default/" + room);
            assertEquals(1, homes == null ? 0 : homes.size(), room + " runs on exactly one node: " + homes);
            String node = homes.keySet().iterator().next();
            assertEquals(PEERS_PER_ROOM, homes.get(node), room + " has all its peers on " + node);
            assertEquals(node, resolve(room), room + "'s lease names the node it runs on");
            roomsPerNode.merge(node, 1, Integer::sum);
        }
        double mean = (double) ROOMS / cluster.nodes().size();
        int max = Collections.max(roomsPerNode.values());
        assertTrue(max <= Math.ceil((1 + EPSILON) * mean), "rooms per node " + roomsPerNode + " within (1 + "
                + EPSILON + ") x " + mean);
    }

    @Test
    @Order(2)
    void afterARedisRestartUnderLoadNodesReRegisterLeasesComeBackAndNoRoomHasTwoHomes() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger joinedAfterRestart = new AtomicInteger();
        AtomicBoolean restarted = new AtomicBoolean();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int i = 0; loading.get() && i < 400; i++) {
                String room = "during-" + i;
                Dispatcher d = cluster.dispatchers().get(i % 2);
                try {
                    SignalingPeer peer = SignalingPeer.join(clients, d.url(room, "solo", ""), "solo").get(10, TimeUnit.SECONDS);
                    PEERS.computeIfAbsent(room, r -> Collections.synchronizedList(new ArrayList<>())).add(peer);
                    if (restarted.get()) {
                        joinedAfterRestart.incrementAndGet();
                    }
                } catch (Exception e) {
                    // Refused while Redis is away: the joiner simply goes on.
                }
            }
        });
        TimeUnit.MILLISECONDS.sleep(500);
        cluster.redis().crash();
        TimeUnit.SECONDS.sleep(2);
        cluster.redis().restart();
        restarted.set(true);
        TestCluster.await(Duration.ofSeconds(10), "all three nodes registered again", () -> cluster.registered().size() == 3);
        TestCluster.await(Duration.ofSeconds(20), "joins succeed again", () -> joinedAfterRestart.get() >= 5);
        loading.set(false);
        load.get(30, TimeUnit.SECONDS);

        TestCluster.await(Duration.ofSeconds(10), "every room's lease back on the node it runs on", () -> {
            Map<String, Map<String, Integer>> where = cluster.roomPeers();
            return where.entrySet().stream().allMatch(e -> e.getValue().size() == 1
                    && e.getValue().containsKey(resolve(e.getKey().substring("default/".length()))));
        });
        for (Map.Entry<String, Map<String, Integer>> room : cluster.roomPeers().entrySet()) {
            assertEquals(1, room.getValue().size(), room.getKey() + " has one home: " + room.getValue());
        }
        for (String room : roomIds("load-", ROOMS)) {
            assertTrue(PEERS.get(room).stream().noneMatch(SignalingPeer::closed), room + "'s peers stayed connected");
        }
    }

    @Test
    @Order(3)
    void aKilledNodeLeavesTheRegistryWithinSixSecondsAndItsRoomsAreReHomedOnTheNextJoin() throws Exception {
        Node victim = cluster.nodes().get(2);
        List<String> itsRooms = cluster.roomPeers().entrySet().stream()
                .filter(e -> e.getValue().containsKey(victim.id()))
                .map(e -> e.getKey().substring("default/".length())).toList();
        assertFalse(itsRooms.isEmpty(), victim.id() + " hosts rooms");

        long killedAt = System.nanoTime();
        victim.process().kill();
        TestCluster.await(Duration.ofSeconds(8), victim.id() + " gone from the registry",
                () -> !cluster.registered().contains(victim.id()));
        double gone = (System.nanoTime() - killedAt) / 1e9;
        assertTrue(gone <= 6.5, victim.id() + " left the registry " + gone + " s after SIGKILL");

        List<String> failures = joinAll(itsRooms, 1, "next");
        assertTrue(failures.isEmpty(), failures.toString());
        Map<String, Map<String, Integer>> where = cluster.roomPeers();
        for (String room : itsRooms) {
            Map<String, Integer> homes = where.get("default/" + room);
            assertEquals(1, homes.size(), room + " re-homed on one node: " + homes);
            String home = homes.keySet().iterator().next();
            assertNotEquals(victim.id(), home);
            assertEquals(home, resolve(room));
        }
    }

    @Test
    @Order(4)
    void aTerminatedNodeDrainsKeepingItsRoomsOpenToJoinsThenExitsWhenEmpty() throws Exception {
        Node draining = cluster.nodes().get(1);
        List<String> itsRooms = cluster.roomPeers().entrySet().stream()
                .filter(e -> e.getValue().containsKey(draining.id()))
                .map(e -> e.getKey().substring("default/".length())).toList();
        assertFalse(itsRooms.isEmpty(), draining.id() + " hosts rooms");

        draining.process().terminate();
        TestCluster.await(Duration.ofSeconds(5), draining.id() + " draining in the registry",
                () -> "draining".equals(cluster.registryRecord(draining.id()).path("state").asText()));

        String existing = itsRooms.get(0);
        int before = cluster.roomPeers().get("default/" + existing).get(draining.id());
        assertTrue(joinAll(List.of(existing), 1, "late").isEmpty(), "a join to an existing room is accepted");
        assertEquals(Map.of(draining.id(), before + 1), cluster.roomPeers().get("default/" + existing));
        List<String> freshFailures = joinAll(List.of("fresh-after-drain"), 1);
        assertTrue(freshFailures.isEmpty(), freshFailures.toString());
        assertFalse(cluster.roomPeers().get("default/fresh-after-drain").containsKey(draining.id()),
                "no new room on a draining node");
        assertTrue(draining.process().process().isAlive(), "a draining node with rooms keeps running");

        for (String room : itsRooms) {
            PEERS.remove(room).forEach(SignalingPeer::close);
        }
        assertTrue(draining.process().process().waitFor(15, TimeUnit.SECONDS), () -> "the node exits once its rooms are "
                + "empty; its log: " + draining.process().stderr());
        TestCluster.await(Duration.ofSeconds(3), draining.id() + " out of the registry",
                () -> !cluster.registered().contains(draining.id()));
    }

    // ---- helpers ----

    private static List<String> roomIds(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static List<String> joinAll(List<String> rooms, int peersPerRoom) throws Exception {
        return joinAll(rooms, peersPerRoom, "p");
    }

    /** Joins {@code peersPerRoom} peers to each room, alternating dispatchers, a bounded number at a time. */
    private static List<String> joinAll(List<String> rooms, int peersPerRoom, String peerPrefix) throws Exception {
        Semaphore inFlight = new Semaphore(JOINS_IN_FLIGHT);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> all = new ArrayList<>();
        int n = 0;
        for (String room : rooms) {
            for (int p = 0; p < peersPerRoom; p++) {
                Dispatcher d = cluster.dispatchers().get(n++ % cluster.dispatchers().size());
                inFlight.acquire();
                String peerId = peerPrefix + p;
                all.add(SignalingPeer.join(clients, d.url(room, peerId, ""), peerId).whenComplete((peer, e) -> {
                    inFlight.release();
                    if (e != null) {
                        failures.add(room + "/" + peerId + ": " + e);
                    } else {
                        PEERS.computeIfAbsent(room, r -> Collections.synchronizedList(new ArrayList<>())).add(peer);
                    }
                }));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(JOINS.toSeconds(), TimeUnit.SECONDS);
        return failures;
    }

    private static String resolve(String roomId) {
        return cluster.getJson(cluster.dispatchers().get(0).port(), "/api/resolve?roomId=" + roomId).get("nodeId").asText();
    }
}
