package io.tributary.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.state.Await;
import io.tributary.state.ClusterEvent;
import io.tributary.state.ClusterState;
import io.tributary.state.ClusterStateContract;
import io.tributary.state.ClusterStates;
import io.tributary.state.InMemoryClusterState;
import io.tributary.state.NodeRecord;
import io.tributary.state.NodeState;
import io.tributary.state.RoomKey;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The factory's URLs against a real Sentinel and a real three-master Redis Cluster. */
class RedisTopologiesIT {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<RedisServerProcess> servers = new ArrayList<>();
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await();
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
    }

    @Test
    void memoryIsTheDefault() {
        assertInstanceOf(InMemoryClusterState.class, ClusterStates.create(vertx, null));
        assertInstanceOf(InMemoryClusterState.class, ClusterStates.create(vertx, " "));
        assertInstanceOf(InMemoryClusterState.class, ClusterStates.create(vertx, "memory"));
    }

    @Test
    void aSentinelUrlReachesTheMasterItNames() throws Exception {
        RedisServerProcess master = started(RedisServerProcess.start());
        Path config = master.dir().resolve("sentinel.conf");
        Files.writeString(config, "sentinel monitor cluster-a 127.0.0.1 " + master.port() + " 1\n", StandardCharsets.UTF_8);
        RedisServerProcess sentinel = started(RedisServerProcess.start(config.toString(), "--sentinel"));

        ClusterState state = ClusterStates.create(vertx, "redis-sentinel://127.0.0.1:" + sentinel.port() + "/cluster-a");
        try {
            exercise(state);
            assertEquals(":1", master.command("EXISTS {tributary}:room:acme/standup"), "the lease is on the master");
        } finally {
            Await.result(state.close());
        }
    }

    @Test
    void whenTheMasterDiesCommandsReachTheReplicaSentinelPromotes() throws Exception {
        RedisServerProcess master = started(RedisServerProcess.start());
        RedisServerProcess replica = started(RedisServerProcess.start("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        Await.until("the replica is in sync", WAIT, () -> cli(replica, "info", "replication").contains("master_link_status:up"));
        Files.writeString(master.dir().resolve("sentinel.conf"), "sentinel monitor cluster-a 127.0.0.1 " + master.port() + " 1\n"
                + "sentinel down-after-milliseconds cluster-a 1000\nsentinel failover-timeout cluster-a 5000\n");
        RedisServerProcess sentinel = started(RedisServerProcess.start(master.dir().resolve("sentinel.conf").toString(), "--sentinel"));
        Await.until("the sentinel knows the replica", WAIT,
                () -> cli(sentinel, "sentinel", "replicas", "cluster-a").contains(Integer.toString(replica.port())));

        ClusterState state = ClusterStates.create(vertx, "redis-sentinel://127.0.0.1:" + sentinel.port() + "/cluster-a");
        try {
            RoomKey before = new RoomKey("acme", "before");
            assertEquals("n1", Await.result(state.claimRoom(before, "n1", LEASE)));
            Await.until("the lease reached the replica", WAIT, () -> replicaHas(replica, "{tributary}:room:acme/before"));
            master.kill();
            Await.until("the sentinel promotes the replica", WAIT,
                    () -> cli(sentinel, "sentinel", "get-master-addr-by-name", "cluster-a").contains(Integer.toString(replica.port())));

            RoomKey after = new RoomKey("acme", "after");
            Await.until("a claim lands on the new master", WAIT, () -> Await.succeeds(state.claimRoom(after, "n2", LEASE)));
            assertEquals(Optional.of("n2"), Await.result(state.roomHome(after)));
            assertEquals(Optional.of("n1"), Await.result(state.roomHome(before)));
            assertEquals(":1", replica.command("EXISTS {tributary}:room:acme/after"), "written on the new master");
        } finally {
            Await.result(state.close());
        }
    }

    @Test
    void aClusterUrlWorksAcrossThreeMastersWithEveryScriptInOneSlot() throws Exception {
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // An explicit bus port: the default, port + 10000, may not exist for a high ephemeral port.
            RedisServerProcess node = started(RedisServerProcess.start("--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf", "--cluster-port", Integer.toString(RedisServerProcess.freePort())));
            seeds.add("127.0.0.1:" + node.port());
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        create.addAll(seeds);
        create.add("--cluster-yes");
        Process cli = new ProcessBuilder(create).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cli.waitFor(), output);
        Await.until("the cluster is ok on every node", WAIT, () -> servers.stream().allMatch(RedisTopologiesIT::clusterOk));

        ClusterState state = ClusterStates.create(vertx, "redis-cluster://" + String.join(",", seeds));
        try {
            exercise(state);
        } finally {
            Await.result(state.close());
        }
    }

    /** Claims, fences, lists and publishes through {@code state}. */
    private static void exercise(ClusterState state) {
        RoomKey room = new RoomKey("acme", "standup");
        assertEquals("n1", Await.result(state.claimRoom(room, "n1", LEASE)));
        assertEquals("n1", Await.result(state.claimRoom(room, "n2", LEASE)));
        assertFalse(Await.result(state.renewRoom(room, "n2", LEASE)));
        assertTrue(Await.result(state.replaceRoomHome(room, "n1", "n2", LEASE)));
        assertEquals(List.of(room), Await.result(state.roomsOf("n2")));
        assertEquals(Optional.of("n2"), Await.result(state.roomHome(room)));
        NodeRecord n1 = new NodeRecord("n1", "wss://n1", "https://n1.internal", "eu", Map.of(), "0.1.0", 100, 0.1,
                1, 2, 3, 4, 5, 6, NodeState.SERVING, 7);
        NodeRecord n2 = new NodeRecord("n2", "wss://n2", "https://n2.internal", "us", Map.of(), "0.1.0", 100, 0.2,
                1, 2, 3, 4, 5, 6, NodeState.DRAINING, 7);
        Await.result(state.putNode(n1, LEASE));
        Await.result(state.putNode(n2, LEASE));
        assertEquals(Set.of(n1, n2), new HashSet<>(Await.result(state.nodes())));

        List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        state.subscribe(events::add);
        ClusterStateContract.publishUntilReceived(state, new ClusterEvent(ClusterEvent.Type.ROOM_CLOSED, "n2", room), events);
    }

    private static boolean replicaHas(RedisServerProcess replica, String key) {
        try {
            return ":1".equals(replica.command("EXISTS " + key));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean clusterOk(RedisServerProcess node) {
        return cli(node, "cluster", "info").contains("cluster_state:ok");
    }

    /** What redis-cli prints for one command to {@code server}; empty when it fails. */
    private static String cli(RedisServerProcess server, String... command) {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(server.port())));
        line.addAll(List.of(command));
        try {
            Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
            String text = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return cli.waitFor() == 0 ? text : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private RedisServerProcess started(RedisServerProcess server) {
        servers.add(server);
        return server;
    }
}
