package io.tributary.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ClusterState} must do; run against each implementation by a subclass. */
public abstract class ClusterStateContract {

    protected static final Duration SHORT = Duration.ofSeconds(1);
    protected static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);

    protected ClusterState state;

    /** A fresh, empty state for one test. */
    protected abstract ClusterState newState();

    @BeforeEach
    void createState() {
        state = newState();
    }

    @AfterEach
    void closeState() {
        Await.result(state.close());
    }

    protected static NodeRecord node(String id, NodeState nodeState) {
        return new NodeRecord(id, "wss://" + id + ".example:4443", "https://" + id + ".internal:9443", "eu-west",
                Map.of("pool", "a", "zone", "1b"), "0.1.0", 200, 0.375, 3, 17, 5, 40, 1_200_000L, 9_800_000L,
                nodeState, 1_700_000_000_123L);
    }

    @Test
    void aNodeRecordReadsBackAsWrittenAndExpiresAfterItsTtl() {
        NodeRecord a = node("node-a", NodeState.SERVING);
        NodeRecord b = node("node-b", NodeState.DRAINING);
        Await.result(state.putNode(b, LONG));
        Await.result(state.putNode(a, SHORT));

        assertEquals(Optional.of(a), Await.result(state.node("node-a")));
        assertEquals(Set.of(a, b), new HashSet<>(Await.result(state.nodes())));

        Await.until("node-a expired", WAIT, () -> Await.result(state.node("node-a")).isEmpty());
        assertEquals(List.of(b), Await.result(state.nodes()));
        assertEquals(Optional.of(b), Await.result(state.node("node-b")));
    }

    @Test
    void rewritingARecordExtendsItsLife() {
        Await.result(state.putNode(node("node-a", NodeState.SERVING), SHORT));
        NodeRecord draining = node("node-a", NodeState.DRAINING);
        Await.result(state.putNode(draining, LONG));
        Await.result(state.putNode(node("witness", NodeState.SERVING), SHORT));

        Await.until("the witness expired", WAIT, () -> Await.result(state.node("witness")).isEmpty());
        assertEquals(List.of(draining), Await.result(state.nodes()));
    }

    @Test
    void aRemovedNodeIsGoneAtOnce() {
        Await.result(state.putNode(node("node-a", NodeState.SERVING), LONG));
        Await.result(state.removeNode("node-a"));
        assertEquals(Optional.empty(), Await.result(state.node("node-a")));
        assertEquals(List.of(), Await.result(state.nodes()));
        Await.result(state.removeNode("never-there"));
    }

    @Test
    void concurrentClaimsOfOneRoomHaveExactlyOneWinnerAndEveryoneIsToldTheSameHome() throws Exception {
        RoomKey room = new RoomKey("acme", "standup");
        List<String> nodes = List.of("n1", "n2", "n3", "n4", "n5");
        List<Future<String>> answers = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            for (String nodeId : nodes) {
                threads.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < 10; i++) {
                        answers.add(state.claimRoom(room, nodeId, LONG));
                    }
                });
            }
            go.countDown();
        } finally {
            threads.shutdown();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }

        assertEquals(50, answers.size());
        Set<String> homes = new HashSet<>();
        answers.forEach(answer -> homes.add(Await.result(answer)));
        assertEquals(1, homes.size(), "homes announced: " + homes);
        String winner = homes.iterator().next();
        assertTrue(nodes.contains(winner));
        assertEquals(Optional.of(winner), Await.result(state.roomHome(room)));
        for (String nodeId : nodes) {
            assertEquals(nodeId.equals(winner) ? List.of(room) : List.of(), Await.result(state.roomsOf(nodeId)));
        }
    }

    @Test
    void onlyTheHomeRenewsOrReleasesItsLease() {
        RoomKey room = new RoomKey("acme", "standup");
        assertEquals("n1", Await.result(state.claimRoom(room, "n1", LONG)));
        assertEquals("n1", Await.result(state.claimRoom(room, "n2", LONG)));

        assertFalse(Await.result(state.renewRoom(room, "n2", LONG)));
        assertFalse(Await.result(state.releaseRoom(room, "n2")));
        assertEquals(Optional.of("n1"), Await.result(state.roomHome(room)));
        assertEquals(List.of(), Await.result(state.roomsOf("n2")));

        assertTrue(Await.result(state.renewRoom(room, "n1", LONG)));
        assertTrue(Await.result(state.releaseRoom(room, "n1")));
        assertEquals(Optional.empty(), Await.result(state.roomHome(room)));
        assertEquals(List.of(), Await.result(state.roomsOf("n1")));
        assertFalse(Await.result(state.releaseRoom(room, "n1")));
        assertFalse(Await.result(state.renewRoom(room, "n1", LONG)));
    }

    @Test
    void aLapsedLeaseFreesTheRoomAndLeavesItsOwnersList() {
        RoomKey lapsing = new RoomKey("acme", "lapsing");
        RoomKey kept = new RoomKey("acme", "kept");
        Await.result(state.claimRoom(lapsing, "n1", SHORT));
        Await.result(state.claimRoom(kept, "n1", SHORT));
        assertTrue(Await.result(state.renewRoom(kept, "n1", LONG)));

        Await.until("the lease lapsed", WAIT, () -> Await.result(state.roomHome(lapsing)).isEmpty());
        assertEquals(List.of(kept), Await.result(state.roomsOf("n1")));
        assertFalse(Await.result(state.renewRoom(lapsing, "n1", LONG)));

        assertEquals("n2", Await.result(state.claimRoom(lapsing, "n2", LONG)));
        assertEquals(List.of(lapsing), Await.result(state.roomsOf("n2")));
        assertEquals(List.of(kept), Await.result(state.roomsOf("n1")));
    }

    @Test
    void replaceRoomHomeMovesTheRoomOnlyFromTheExpectedHome() {
        RoomKey room = new RoomKey("acme", "standup");
        assertFalse(Await.result(state.replaceRoomHome(room, "n1", "n2", LONG)), "no home yet");
        Await.result(state.claimRoom(room, "n1", LONG));

        assertFalse(Await.result(state.replaceRoomHome(room, "n3", "n2", LONG)));
        assertEquals(Optional.of("n1"), Await.result(state.roomHome(room)));

        assertTrue(Await.result(state.replaceRoomHome(room, "n1", "n2", LONG)));
        assertEquals(Optional.of("n2"), Await.result(state.roomHome(room)));
        assertEquals(List.of(), Await.result(state.roomsOf("n1")));
        assertEquals(List.of(room), Await.result(state.roomsOf("n2")));
        assertFalse(Await.result(state.renewRoom(room, "n1", LONG)));
        assertFalse(Await.result(state.replaceRoomHome(room, "n1", "n3", LONG)));
        assertTrue(Await.result(state.renewRoom(room, "n2", LONG)));
    }

    @Test
    void roomsOfListsEachNodesRoomsAcrossNamespaces() {
        RoomKey acme = new RoomKey("acme", "lobby");
        RoomKey globex = new RoomKey("globex", "lobby");
        RoomKey odd = new RoomKey("a/b%2F", "c/d");
        RoomKey defaulted = new RoomKey(null, "hall");
        Await.result(state.claimRoom(acme, "n1", LONG));
        Await.result(state.claimRoom(globex, "n2", LONG));
        Await.result(state.claimRoom(odd, "n1", LONG));
        Await.result(state.claimRoom(defaulted, "n1", LONG));

        assertEquals(Set.of(acme, odd, defaulted), new HashSet<>(Await.result(state.roomsOf("n1"))));
        assertEquals(List.of(globex), Await.result(state.roomsOf("n2")));
        assertEquals(Optional.of("n1"), Await.result(state.roomHome(odd)));
        assertEquals(Optional.of("n2"), Await.result(state.roomHome(globex)));
        assertEquals(List.of(), Await.result(state.roomsOf("n3")));
    }

    @Test
    void roomMembersCarryPeerCountsExpireAndLeave() {
        RoomKey room = new RoomKey("acme", "town-hall");
        RoomKey other = new RoomKey("acme", "other");
        assertEquals(Map.of(), Await.result(state.roomMembers(room)));
        Await.result(state.putRoomMember(room, "n1", 2, LONG));
        Await.result(state.putRoomMember(room, "n2", 1, SHORT));
        Await.result(state.putRoomMember(other, "n3", 5, LONG));
        assertEquals(Map.of("n1", 2, "n2", 1), Await.result(state.roomMembers(room)));

        Await.result(state.putRoomMember(room, "n1", 3, LONG));
        Await.until("n2's entry expired", WAIT, () -> !Await.result(state.roomMembers(room)).containsKey("n2"));
        assertEquals(Map.of("n1", 3), Await.result(state.roomMembers(room)));

        Await.result(state.removeRoomMember(room, "n1"));
        Await.result(state.removeRoomMember(room, "never-there"));
        assertEquals(Map.of(), Await.result(state.roomMembers(room)));
        assertEquals(Map.of("n3", 5), Await.result(state.roomMembers(other)));
    }

    @Test
    void subscribersReceivePublishedEventsUntilTheyUnsubscribe() {
        List<ClusterEvent> first = new CopyOnWriteArrayList<>();
        List<ClusterEvent> second = new CopyOnWriteArrayList<>();
        ClusterState.Subscription firstSubscription = state.subscribe(first::add);
        state.subscribe(second::add);

        ClusterEvent closed = new ClusterEvent(ClusterEvent.Type.ROOM_CLOSED, "n1", new RoomKey("acme", "standup"));
        publishUntilReceived(closed, second);
        Await.until("the first subscriber got it", WAIT, () -> first.contains(closed));

        firstSubscription.unsubscribe();
        ClusterEvent draining = new ClusterEvent(ClusterEvent.Type.NODE_DRAINING, "n2", null);
        publishUntilReceived(draining, second);
        assertFalse(first.contains(draining));
    }

    /** Publishes until the event arrives: a new subscription may take a moment to be in place. */
    protected void publishUntilReceived(ClusterEvent event, List<ClusterEvent> received) {
        publishUntilReceived(state, event, received);
    }

    public static void publishUntilReceived(ClusterState publisher, ClusterEvent event, List<ClusterEvent> received) {
        Await.until("delivery of " + event, WAIT, () -> {
            Await.result(publisher.publish(event));
            return Await.within(Duration.ofMillis(200), () -> received.contains(event));
        });
    }
}
