package io.tributary.dispatcher.placement;

import java.util.List;

/**
 * The last ring built, reused while the candidates and their point counts stay the same (the
 * usual case between node reports), so a placement costs a lookup, not a sort. Safe to share
 * between threads: the cached pair is immutable and swapped whole.
 */
final class RingCache {

    private record Entry(List<String> nodeIds, List<Integer> points, WeightedRing ring) {}

    private volatile Entry last;

    WeightedRing ring(List<String> nodeIds, List<Integer> points) {
        Entry entry = last;
        if (entry != null && entry.nodeIds.equals(nodeIds) && entry.points.equals(points)) {
            return entry.ring;
        }
        WeightedRing ring = WeightedRing.build(nodeIds, points);
        last = new Entry(List.copyOf(nodeIds), List.copyOf(points), ring);
        return ring;
    }
}
