package io.tributary.dispatcher.placement;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A consistent-hash ring with virtual points: node {@code i} owns {@code points[i]} positions, so
 * its share of keys follows its weight, and a node's points depend only on its id and its own
 * count: adding or removing a node moves only the keys next to its points. Immutable.
 */
final class WeightedRing {

    private final List<String> nodeIds;
    private final long[] positions;
    private final int[] owners;

    private WeightedRing(List<String> nodeIds, long[] positions, int[] owners) {
        this.nodeIds = nodeIds;
        this.positions = positions;
        this.owners = owners;
    }

    /** {@code points.get(i)} virtual points for {@code nodeIds.get(i)}; 0 leaves a node off the ring. */
    static WeightedRing build(List<String> nodeIds, List<Integer> points) {
        int total = points.stream().mapToInt(Integer::intValue).sum();
        long[][] pairs = new long[total][];
        int k = 0;
        for (int node = 0; node < nodeIds.size(); node++) {
            long nodeHash = KeyHash.of(nodeIds.get(node));
            for (int p = 0; p < points.get(node); p++) {
                pairs[k++] = new long[] {KeyHash.point(nodeHash, p), node};
            }
        }
        Arrays.sort(pairs, Comparator.<long[]>comparingLong(pair -> pair[0]).thenComparingLong(pair -> pair[1]));
        long[] positions = new long[total];
        int[] owners = new int[total];
        for (int i = 0; i < total; i++) {
            positions[i] = pairs[i][0];
            owners[i] = (int) pairs[i][1];
        }
        return new WeightedRing(List.copyOf(nodeIds), positions, owners);
    }

    boolean isEmpty() {
        return positions.length == 0;
    }

    /**
     * Walks clockwise from {@code keyHash} and returns the index (into the build's node list) of the
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
            int node = owners[(start + step) % positions.length];
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

    List<String> nodeIds() {
        return nodeIds;
    }
}
