package io.tributary.bench.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.NodeState;
import java.util.Map;

/**
 * A simulated media node: a declared capacity (what its record says) and a real cost per peer
 * ({@code cost > 1}: a slower machine than declared, which only its CPU load reveals). It admits a
 * peer while its real load stays at or below 1.
 */
final class SimNode {

    final String id;
    final int capacity;
    final double cost;
    NodeState state = NodeState.SERVING;
    int peers;
    int rooms;
    long silentUntilMs;

    SimNode(String id, int capacity, double cost) {
        this.id = id;
        this.capacity = capacity;
        this.cost = cost;
    }

    double load() {
        return peers * cost / capacity;
    }

    boolean admitsPeer() {
        return (peers + 1) * cost <= capacity;
    }

    /** What the node writes to the registry at {@code nowMs}. */
    NodeRecord report(long nowMs) {
        return new NodeRecord(id, "ws://" + id, "http://" + id, "sim", Map.of(), "sim", capacity,
                Math.min(1.0, load()), rooms, peers, 0, 0, 0, 0, state, nowMs);
    }
}
