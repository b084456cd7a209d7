package io.tributary.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The heartbeat against the in-memory state, whose clock the test moves to expire things at will. */
class NodeHeartbeatTest {

    private static final NodeHeartbeat.Timing FAST = new NodeHeartbeat.Timing(Duration.ofMillis(50), Duration.ofMillis(500));
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AtomicLong skew = new AtomicLong();
    private final AtomicInteger beats = new AtomicInteger();
    private final AtomicReference<NodeState> nodeState = new AtomicReference<>(NodeState.SERVING);
    private final List<RoomKey> hosted = new CopyOnWriteArrayList<>(List.of(new RoomKey("acme", "a"), new RoomKey("acme", "b")));
    private final List<RoomConflict> conflicts = new CopyOnWriteArrayList<>();
    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    private Vertx vertx;
    private ClusterState state;
    private NodeHeartbeat heartbeat;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        state = new InMemoryClusterState(() -> System.currentTimeMillis() + skew.get());
        state.subscribe(events::add);
        heartbeat = new NodeHeartbeat(vertx, state, this::record, () -> hosted, conflicts::add, FAST);
    }

    @AfterEach
    void tearDown() {
        Await.result(heartbeat.stop());
        vertx.close().await();
    }

    private NodeRecord record() {
        beats.incrementAndGet();
        return new NodeRecord("node-a", "wss://a", "https://a.internal", "eu", Map.of(), "0.1.0", 100, 0.2,
                hosted.size(), 4, 2, 6, 1000, 2000, nodeState.get(), System.currentTimeMillis());
    }

    /** Waits until a whole beat has run after this call. */
    private void awaitFullBeat() {
        int seen = beats.get();
        Await.until("two more beats", WAIT, () -> beats.get() >= seen + 2);
    }

    @Test
    void startWritesTheRecordClaimsTheHostedRoomsAndAnnouncesTheNode() {
        Await.result(heartbeat.start());

        assertEquals(NodeState.SERVING, Await.result(state.node("node-a")).orElseThrow().state());
        for (RoomKey room : hosted) {
            assertEquals(Optional.of("node-a"), Await.result(state.roomHome(room)));
        }
        assertEquals(List.of(new ClusterEvent(ClusterEvent.Type.NODE_UP, "node-a", null)), events);
        assertInstanceOf(IllegalStateException.class, Await.failure(heartbeat.start()));
    }

    @Test
    void beatsKeepTheRecordAndLeasesAliveBeyondTheirTtl() {
        Await.result(heartbeat.start());
        for (int i = 0; i < 3; i++) {
            skew.addAndGet(400);
            awaitFullBeat();
        }
        assertTrue(Await.result(state.node("node-a")).isPresent());
        assertEquals(Optional.of("node-a"), Await.result(state.roomHome(hosted.get(0))));
        assertEquals(1, events.size(), "announced once: " + events);
    }

    @Test
    void everythingLostIsWrittenAndClaimedAgain() {
        Await.result(heartbeat.start());
        skew.addAndGet(60_000);
        assertEquals(List.of(), Await.result(state.nodes()));

        Await.until("the record is back", WAIT, () -> Await.result(state.node("node-a")).isPresent());
        Await.until("the leases are back", WAIT, () -> Await.result(state.roomsOf("node-a")).size() == hosted.size());
        assertEquals(List.of(), conflicts);
    }

    @Test
    void aRoomAnotherNodeTookIsReportedAndNeverTakenBack() {
        RoomKey taken = new RoomKey("acme", "taken");
        Await.result(state.claimRoom(taken, "node-b", Duration.ofSeconds(60)));
        hosted.add(taken);

        Await.result(heartbeat.start());
        Await.until("a conflict is reported", WAIT, () -> !conflicts.isEmpty());
        assertEquals(new RoomConflict(taken, "node-b"), conflicts.get(0));
        assertEquals(Optional.of("node-b"), Await.result(state.roomHome(taken)));
        assertFalse(Await.result(state.roomsOf("node-a")).contains(taken));
    }

    @Test
    void drainingIsAnnouncedOnce() {
        Await.result(heartbeat.start());
        nodeState.set(NodeState.DRAINING);
        ClusterEvent draining = new ClusterEvent(ClusterEvent.Type.NODE_DRAINING, "node-a", null);
        Await.until("draining is announced", WAIT, () -> events.contains(draining));
        awaitFullBeat();

        assertEquals(NodeState.DRAINING, Await.result(state.node("node-a")).orElseThrow().state());
        assertEquals(1, events.stream().filter(draining::equals).count());
    }

    @Test
    void stopReleasesTheLeasesRemovesTheRecordAndAnnouncesTheNodeDown() {
        Await.result(heartbeat.start());
        Await.result(heartbeat.stop());

        assertEquals(Optional.empty(), Await.result(state.node("node-a")));
        assertEquals(List.of(), Await.result(state.roomsOf("node-a")));
        assertEquals(new ClusterEvent(ClusterEvent.Type.NODE_DOWN, "node-a", null), events.get(events.size() - 1));
        int seen = beats.get();
        assertFalse(Await.within(Duration.ofMillis(300), () -> beats.get() > seen + 1), "no beat after stop");
        assertEquals(Optional.empty(), Await.result(state.node("node-a")));
    }
}
