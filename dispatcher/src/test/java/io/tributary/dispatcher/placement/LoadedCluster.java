package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes whose records always show their current peers (no report lag), each peer costing
 * {@code costPerPeer / capacity} of CPU: a node with cost 2 runs twice as hot as it declares.
 */
final class LoadedCluster {

    private final Map<String, TestNode> nodes = new LinkedHashMap<>();
    private final Map<String, Double> costPerPeer = new HashMap<>();
    private final Map<String, Integer> rooms = new HashMap<>();

    LoadedCluster node(String id, int capacity) {
        return node(id, capacity, 1.0);
    }

    LoadedCluster node(String id, int capacity, double cost) {
        nodes.put(id, TestNode.of(id, capacity));
        costPerPeer.put(id, cost);
        return this;
    }

    List<NodeRecord> records() {
        List<NodeRecord> out = new ArrayList<>();
        nodes.forEach((id, node) -> out.add(
                node.cpu(Math.min(1.0, node.peers() * costPerPeer.get(id) / node.capacity())).record()));
        return out;
    }

    /** Places {@code count} rooms of {@code peersEach} peers one after the other, each seen at once. */
    void placeRooms(PlacementStrategy strategy, String prefix, int count, int peersEach, Runnable betweenRooms) {
        for (int i = 0; i < count; i++) {
            String id = strategy.place(new RoomKey("ns", prefix + i), records()).orElseThrow().nodeId();
            nodes.put(id, nodes.get(id).peers(nodes.get(id).peers() + peersEach));
            rooms.merge(id, 1, Integer::sum);
            betweenRooms.run();
        }
    }

    int roomsOn(String id) {
        return rooms.getOrDefault(id, 0);
    }

    double peakLoad() {
        return records().stream().mapToDouble(NodeLoad::of).max().orElse(0);
    }

    double lowestLoad() {
        return records().stream().mapToDouble(NodeLoad::of).min().orElse(0);
    }
}
