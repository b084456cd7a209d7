package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The last ring built, reused while it holds every candidate with the candidate's point count.
 * It may hold more nodes than a call's candidates: a walk skips those, which gives the same
 * answer as a ring of the candidates alone (a node's points do not depend on the others), so a
 * node going full or stale and back costs no rebuild. A rebuild keeps the old ring's other nodes
 * unless they outnumber the candidates, so nodes gone for good do not pile up. Safe to share
 * between threads: the cached ring is immutable and swapped whole.
 */
final class RingCache {

    private static final int SPARE_NODES = 16;

    private volatile WeightedRing last;

    /**
     * Walks the ring of {@code candidates} (each with {@code pointsOf} points) from the room's hash
     * and returns the first candidate {@code accept} takes.
     */
    Optional<NodeRecord> walk(RoomKey room, List<NodeRecord> candidates, ToIntFunction<NodeRecord> pointsOf,
                              Predicate<NodeRecord> accept) {
        Map<String, Integer> pointsByNode = new LinkedHashMap<>(candidates.size() * 2);
        Map<String, NodeRecord> byId = new HashMap<>(candidates.size() * 2);
        for (NodeRecord node : candidates) {
            pointsByNode.put(node.nodeId(), pointsOf.applyAsInt(node));
            byId.put(node.nodeId(), node);
        }
        WeightedRing ring = ring(pointsByNode);
        int chosen = ring.walk(KeyHash.of(room.qualified()), i -> {
            NodeRecord node = byId.get(ring.nodeIds().get(i));
            return node != null && accept.test(node);
        });
        return chosen < 0 ? Optional.empty() : Optional.of(byId.get(ring.nodeIds().get(chosen)));
    }

    /** A ring holding at least these nodes with these point counts. */
    private WeightedRing ring(Map<String, Integer> pointsByNode) {
        WeightedRing ring = last;
        if (ring != null && holds(ring, pointsByNode)) {
            return ring;
        }
        Map<String, Integer> merged = new LinkedHashMap<>();
        if (ring != null && ring.nodeIds().size() <= 2 * pointsByNode.size() + SPARE_NODES) {
            for (int i = 0; i < ring.nodeIds().size(); i++) {
                merged.put(ring.nodeIds().get(i), ring.points().get(i));
            }
        }
        merged.putAll(pointsByNode);
        WeightedRing built = WeightedRing.build(new ArrayList<>(merged.keySet()), new ArrayList<>(merged.values()));
        last = built;
        return built;
    }

    private static boolean holds(WeightedRing ring, Map<String, Integer> pointsByNode) {
        for (Map.Entry<String, Integer> wanted : pointsByNode.entrySet()) {
            int i = ring.indexOf(wanted.getKey());
            if (i < 0 || !ring.points().get(i).equals(wanted.getValue())) {
                return false;
            }
        }
        return true;
    }
}
