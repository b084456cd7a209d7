package io.tributary.dispatcher.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedLoadConsistentHashingTest {

    private static final int ROOMS = 10_000;

    private static List<NodeRecord> equalNodes(int count) {
        List<NodeRecord> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(TestNode.of("node-" + i, 1000).record());
        }
        return nodes;
    }

    private static Map<String, String> homes(PlacementStrategy strategy, List<NodeRecord> nodes) {
        Map<String, String> homes = new HashMap<>();
        for (int i = 0; i < ROOMS; i++) {
            RoomKey room = new RoomKey("ns", "room-" + i);
            homes.put(room.roomId(), strategy.place(room, nodes).orElseThrow().nodeId());
        }
        return homes;
    }

    @Test
    void removingANodeMovesOnlyItsRoomsAboutOneNth() {
        List<NodeRecord> ten = equalNodes(10);
        Map<String, String> before = homes(new BoundedLoadConsistentHashing(0.25, 4), ten);
        Map<String, String> after = homes(new BoundedLoadConsistentHashing(0.25, 4), ten.subList(0, 9));

        long moved = before.keySet().stream().filter(r -> !before.get(r).equals(after.get(r))).count();
        long onRemoved = before.values().stream().filter("node-9"::equals).count();
        assertEquals(onRemoved, moved, "only the removed node's rooms move");
        assertTrue(moved > ROOMS * 0.07 && moved < ROOMS * 0.13, "about 1/10 moved: " + moved);
    }

    @Test
    void addingANodeMovesAboutOneNthAllOntoTheNewNode() {
        List<NodeRecord> ten = equalNodes(10);
        List<NodeRecord> eleven = new ArrayList<>(ten);
        eleven.add(TestNode.of("node-new", 1000).record());
        Map<String, String> before = homes(new BoundedLoadConsistentHashing(0.25, 4), ten);
        Map<String, String> after = homes(new BoundedLoadConsistentHashing(0.25, 4), eleven);

        List<String> moved = before.keySet().stream().filter(r -> !before.get(r).equals(after.get(r))).toList();
        assertTrue(moved.stream().allMatch(r -> after.get(r).equals("node-new")), "rooms move only to the new node");
        assertTrue(moved.size() > ROOMS * 0.06 && moved.size() < ROOMS * 0.12, "about 1/11 moved: " + moved.size());
    }

    @Test
    void sharesFollowCapacity() {
        List<NodeRecord> nodes = List.of(TestNode.of("small", 100).record(), TestNode.of("medium", 200).record(),
                TestNode.of("large", 400).record());
        Map<String, String> homes = homes(new BoundedLoadConsistentHashing(Double.POSITIVE_INFINITY, 4), nodes);

        Map<String, Long> counts = new HashMap<>();
        homes.values().forEach(id -> counts.merge(id, 1L, Long::sum));
        assertEquals(1 / 7.0, counts.get("small") / (double) ROOMS, 0.03, counts.toString());
        assertEquals(2 / 7.0, counts.get("medium") / (double) ROOMS, 0.03, counts.toString());
        assertEquals(4 / 7.0, counts.get("large") / (double) ROOMS, 0.03, counts.toString());
    }

    @Test
    void noNodeEverGoesAboveItsBound() {
        LoadedCluster cluster = new LoadedCluster().node("a", 100).node("b", 200).node("c", 400).node("d", 800)
                .node("e", 150).node("f", 300);
        BoundedLoadConsistentHashing strategy = new BoundedLoadConsistentHashing(0.25, 4);
        List<String> violations = new ArrayList<>();
        cluster.placeRooms(strategy, "room-", 350, 4, () -> {
            List<NodeRecord> records = cluster.records();
            double total = records.stream().mapToDouble(NodeLoad::inPeers).sum();
            double capacity = records.stream().mapToInt(NodeRecord::capacity).sum();
            for (NodeRecord node : records) {
                double bound = 4 * Math.ceil(1.25 * total * node.capacity() / (capacity * 4) - 1e-9);
                if (NodeLoad.inPeers(node) > bound + 1e-9) {
                    violations.add(node.nodeId() + " at " + NodeLoad.inPeers(node) + " > " + bound);
                }
            }
        });
        assertEquals(List.of(), violations);
        assertTrue(cluster.peakLoad() <= 1.25 * 1400 / 1950 + 4 / 100.0, "peak " + cluster.peakLoad());
    }

    @Test
    void everyDispatcherComputesTheSameHome() {
        List<NodeRecord> nodes = equalNodes(7);
        List<NodeRecord> reversed = new ArrayList<>(nodes);
        Collections.reverse(reversed);
        assertEquals(homes(new BoundedLoadConsistentHashing(0.25, 4), nodes),
                homes(new BoundedLoadConsistentHashing(0.25, 4), reversed));
    }
}
