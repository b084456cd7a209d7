package io.tributary.dispatcher.placement;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A consistent-hash ring with virtual points: node {@code i} owns {@code points[i]} positions, so
 * its share of keys follows its weight, and a node's points depend only on its id and its own
 * count: adding or removing a node moves only the keys next to its points. Each position keeps
 * its owner in its low 16 bits (a primitive sort, no boxing), which costs the hash nothing that
 * matters. Immutable.
 */
final class WeightedRing {

    static final int MAX_NODES = 1 << 16;
    private static final long OWNER_MASK = MAX_NODES - 1;

    private final List<String> nodeIds;
    private final List<Integer> points;
    private final Map<String, Integer> indexById;
    private final long[] positions;

    private WeightedRing(List<String> nodeIds, List<Integer> points, long[] positions) {
        this.nodeIds = nodeIds;
        this.points = points;
        this.positions = positions;
        this.indexById = new HashMap<>(nodeIds.size() * 2);
        for (int i = 0; i < nodeIds.size(); i++) {
            indexById.put(nodeIds.get(i), i);
        }
    }

    /** {@code points.get(i)} virtual points for {@code nodeIds.get(i)}; 0 leaves a node off the ring. */
    static WeightedRing build(List<String> nodeIds, List<Integer> points) {
        if (nodeIds.size() > MAX_NODES) {
            throw new IllegalArgumentException("at most " + MAX_NODES + " nodes on a ring");
        }
        long[] positions = new long[points.stream().mapToInt(Integer::intValue).sum()];
        int k = 0;
        for (int node = 0; node < nodeIds.size(); node++) {
            long nodeHash = KeyHash.of(nodeIds.get(node));
            for (int p = 0; p < points.get(node); p++) {
                positions[k++] = (KeyHash.point(nodeHash, p) & ~OWNER_MASK) | node;
            }
        }
        Arrays.sort(positions);
        return new WeightedRing(List.copyOf(nodeIds), List.copyOf(points), positions);
    }

    List<String> nodeIds() {
        return nodeIds;
    }

    List<Integer> points() {
        return points;
    }

    /** The node's index on this ring, -1 when it is not on it. */
    int indexOf(String nodeId) {
        return indexById.getOrDefault(nodeId, -1);
    }

    /**
     * Walks clockwise from {@code keyHash} and returns the index (into {@link #nodeIds}) of the
     * first node {@code accept} takes, asking about each node once; -1 when it takes none.
     */
    int walk(long keyHash, IntPredicate accept) {
        if (positions.length == 0) {
            return -1;
        }
        int start = Arrays.binarySearch(positions, keyHash);
        if (start < 0) {
            start = -start - 1;
        }
        boolean[] asked = new boolean[nodeIds.size()];
        int remaining = nodeIds.size();
        for (int step = 0; step < positions.length && remaining > 0; step++) {
            int node = (int) (positions[(start + step) % positions.length] & OWNER_MASK);
            if (asked[node]) {
                continue;
            }
            asked[node] = true;
            remaining--;
            if (accept.test(node)) {
                return node;
            }
        }
        return -1;
    }
}
