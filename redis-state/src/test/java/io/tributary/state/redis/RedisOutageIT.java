package io.tributary.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.state.Await;
import io.tributary.state.ClusterEvent;
import io.tributary.state.ClusterStateContract;
import io.tributary.state.ClusterStateException;
import io.tributary.state.NodeHeartbeat;
import io.tributary.state.NodeRecord;
import io.tributary.state.NodeState;
import io.tributary.state.RoomConflict;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis going away under a running node: restarted empty, or hung. */
class RedisOutageIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final NodeHeartbeat.Timing FAST = new NodeHeartbeat.Timing(Duration.ofMillis(200), Duration.ofSeconds(1));

    private RedisServerProcess redis;
    private Vertx vertx;
    private RedisClusterState nodeA;
    private RedisClusterState observer;

    @BeforeEach
    void setUp() throws Exception {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
        RedisStateConfig config = new RedisStateConfig(redis.url(), "outage-" + UUID.randomUUID(), TIMEOUT);
        nodeA = RedisClusterState.create(vertx, config);
        observer = RedisClusterState.create(vertx, config);
        // The first command also connects, on a cold JVM: let it take longer than the short timeout.
        RoomKey probe = new RoomKey("acme", "probe");
        Await.until("both clients are connected", WAIT,
                () -> Await.succeeds(nodeA.roomHome(probe)) && Await.succeeds(observer.roomHome(probe)));
    }

    @AfterEach
    void tearDown() throws Exception {
        Await.result(Future.join(nodeA.close(), observer.close()));
        vertx.close().await();
        redis.close();
    }

    @Test
    void afterARestartTheNodeAndItsLeasesComeBackEventsFlowAgainAndNoRoomHasTwoHomes() throws Exception {
        List<RoomKey> hosted = List.of(new RoomKey("acme", "r0"), new RoomKey("acme", "r1"), new RoomKey("acme", "r2"),
                new RoomKey("globex", "r0"), new RoomKey("globex", "r1"));
        List<RoomConflict> conflicts = new CopyOnWriteArrayList<>();
        AtomicInteger beats = new AtomicInteger();
        NodeHeartbeat heartbeat = new NodeHeartbeat(vertx, nodeA, () -> {
            beats.incrementAndGet();
            return record("node-a");
        }, () -> hosted, conflicts::add, FAST);
        List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        observer.subscribe(events::add);
        heartbeat.start();
        Await.until("node-a homes its rooms", WAIT, () -> Await.succeeds(observer.roomsOf("node-a"))
                && Await.result(observer.roomsOf("node-a")).size() == hosted.size());
        for (RoomKey room : hosted) {
            assertEquals("node-a", claimForB(room));
        }

        redis.kill();
        long before = System.nanoTime();
        Throwable refused = Await.failure(observer.claimRoom(hosted.get(0), "node-b", Duration.ofSeconds(60)));
        long failedAfterMs = (System.nanoTime() - before) / 1_000_000;
        assertInstanceOf(ClusterStateException.class, refused);
        assertTrue(failedAfterMs < 1000, "failed after " + failedAfterMs + " ms");
        int seen = beats.get();
        Await.until("the heartbeat beat twice into the outage", WAIT, () -> beats.get() >= seen + 2);

        redis.restart();
        // node-b races node-a's heartbeat for one room, the way a join placed elsewhere would.
        Map<RoomKey, String> bClaims = new HashMap<>();
        bClaims.put(hosted.get(0), claimForB(hosted.get(0)));

        Await.until("node-a is registered again", WAIT, () -> Await.result(observer.node("node-a")).isPresent());
        Await.until("every room has a home", WAIT, () -> hosted.stream()
                .allMatch(room -> Await.result(observer.roomHome(room)).isPresent()));
        for (RoomKey room : hosted) {
            bClaims.put(room, claimForB(room));
        }
        for (RoomKey room : hosted) {
            String home = Await.result(observer.roomHome(room)).orElseThrow();
            assertEquals(home, bClaims.get(room), "every claimant is told the one home of " + room);
            boolean aThinksHome = true;
            if (home.equals("node-b")) {
                Await.until("node-a is told it lost " + room, WAIT, () -> conflicts.contains(new RoomConflict(room, "node-b")));
                aThinksHome = false;
            }
            assertNotEquals(aThinksHome, home.equals("node-b"), room + " has exactly one home");
        }
        List<RoomKey> keptByA = new ArrayList<>(hosted);
        keptByA.removeIf(room -> bClaims.get(room).equals("node-b"));
        Await.until("node-a's room index matches its leases", WAIT,
                () -> Await.result(observer.roomsOf("node-a")).containsAll(keptByA)
                        && Await.result(observer.roomsOf("node-a")).size() == keptByA.size());

        ClusterEvent afterRestart = new ClusterEvent(ClusterEvent.Type.ROOM_CLOSED, "node-a", new RoomKey("acme", "after"));
        ClusterStateContract.publishUntilReceived(observer, afterRestart, events);
        Await.result(heartbeat.stop());
        assertEquals(Optional.empty(), Await.result(observer.node("node-a")));
    }

    @Test
    void aHungRedisFailsCommandsWithinTheTimeoutAndServesThemAgainOnceItAnswers() throws Exception {
        Await.firstSuccess("the record is written", WAIT, () -> nodeA.putNode(record("node-a"), Duration.ofSeconds(60)));
        redis.pause();
        try {
            long before = System.nanoTime();
            Throwable hung = Await.failure(nodeA.node("node-a"));
            long failedAfterMs = (System.nanoTime() - before) / 1_000_000;
            assertInstanceOf(ClusterStateException.class, hung);
            assertTrue(failedAfterMs >= TIMEOUT.toMillis() - 50 && failedAfterMs < TIMEOUT.toMillis() + 1000,
                    "failed after " + failedAfterMs + " ms");
        } finally {
            redis.resume();
        }
        Await.until("commands work again", WAIT, () -> Await.succeeds(nodeA.node("node-a")));
        assertTrue(Await.result(nodeA.node("node-a")).isPresent());
    }

    /** node-b's claim; retried while the restarted server is not answering yet (a claim is idempotent). */
    private String claimForB(RoomKey room) {
        return Await.firstSuccess("node-b's claim of " + room, WAIT, () -> observer.claimRoom(room, "node-b", Duration.ofSeconds(60)));
    }

    private static NodeRecord record(String nodeId) {
        return new NodeRecord(nodeId, "wss://" + nodeId, "https://" + nodeId + ".internal", "eu", Map.of(), "0.1.0",
                100, 0.1, 5, 10, 5, 20, 1000, 2000, NodeState.SERVING, System.currentTimeMillis());
    }
}
