package io.tributary.dispatcher.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.dispatcher.region.RegionDistances;
import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A burst of 100 new rooms before any node reports again: the correction spreads it. */
class RampUpTest {

    private final AtomicLong clock = new AtomicLong(10_000);

    /** Ten empty nodes whose last reports were written just before the burst. */
    private List<NodeRecord> idleNodes() {
        List<NodeRecord> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(TestNode.of("node-" + i, 100).at(clock.get() - 500).record());
        }
        return nodes;
    }

    private Map<String, Integer> burst(PlacementStrategy strategy) {
        Placement placement = new Placement(strategy, PlacementSettings.defaults(), NamespacePools.none(),
                RegionDistances.none(), clock::get);
        List<NodeRecord> nodes = idleNodes();
        Map<String, Integer> rooms = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            PlacementDecision decision = placement.place(new RoomKey("ns", "burst-" + i), null, nodes);
            rooms.merge(assertInstanceOf(PlacementDecision.Placed.class, decision).node().nodeId(), 1, Integer::sum);
            clock.addAndGet(10);
        }
        return rooms;
    }

    @Test
    void leastLoadedSpreadsTheBurstEvenly() {
        List<NodeRecord> stale = idleNodes();
        assertEquals("node-0", new LeastLoaded().place(new RoomKey("ns", "a"), stale).orElseThrow().nodeId());
        assertEquals("node-0", new LeastLoaded().place(new RoomKey("ns", "b"), stale).orElseThrow().nodeId(),
                "uncorrected, every room of the burst would go to the same node");
        Map<String, Integer> rooms = burst(new LeastLoaded());
        assertEquals(10, rooms.size(), rooms.toString());
        assertTrue(rooms.values().stream().allMatch(n -> n == 10), rooms.toString());
    }

    @Test
    void everyStrategySpreadsTheBurst() {
        for (String name : PlacementStrategies.NAMES) {
            Map<String, Integer> rooms = burst(PlacementStrategies.byName(name, clock::get, new Random(1), 4));
            int most = rooms.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertTrue(rooms.size() >= 9 && most <= 25, name + " piled the burst up: " + rooms);
        }
    }

    @Test
    void aReportWrittenAfterThePlacementReplacesTheCharge() {
        RampUp rampUp = new RampUp(clock::get, Duration.ofSeconds(6).toMillis());
        NodeRecord before = TestNode.of("n", 100).at(clock.get() - 1000).record();
        rampUp.placed("n", 4);
        rampUp.placed("n", 4);
        NodeRecord corrected = rampUp.corrected(List.of(before)).get(0);
        assertEquals(8, corrected.peers());
        assertEquals(2, corrected.rooms());
        assertEquals(0.08, NodeLoad.of(corrected), 1e-9);

        clock.addAndGet(2000);
        NodeRecord report = TestNode.of("n", 100).peers(3).at(clock.get() - 1).record();
        assertEquals(report, rampUp.corrected(List.of(report)).get(0));
        assertEquals(0, rampUp.pendingPeers("n"));
    }

    @Test
    void aPlacementIsForgottenOnceOlderThanTheMaximumAge() {
        RampUp rampUp = new RampUp(clock::get, 6000);
        rampUp.placed("silent", 4);
        assertEquals(4, rampUp.pendingPeers("silent"));
        clock.addAndGet(6001);
        rampUp.corrected(List.of());
        assertEquals(0, rampUp.pendingPeers("silent"));
    }
}
