package io.tributary.dispatcher.region;

import io.tributary.state.NodeRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far regions are from each other, to fall back to the nearest other region when the joiner's
 * own has no node that can take the room. Either a distance table (any unit, read both ways) or an
 * ordered preference list per region (the k-th entry is at distance k). A pair neither names is
 * infinitely far but still usable: a room goes out of region rather than being refused.
 */
public final class RegionDistances {

    private final Map<String, Map<String, Double>> distances;

    private RegionDistances(Map<String, Map<String, Double>> distances) {
        this.distances = distances;
    }

    /** No distances known: every other region is as good (or bad) as any other. */
    public static RegionDistances none() {
        return new RegionDistances(Map.of());
    }

    /** {@code distances.get(a).get(b)}: distance between a and b; one direction is enough. */
    public static RegionDistances table(Map<String, Map<String, Double>> distances) {
        Map<String, Map<String, Double>> both = new HashMap<>();
        distances.forEach((from, row) -> row.forEach((to, d) -> {
            if (!(d >= 0)) {
                throw new IllegalArgumentException("region distance " + from + " -> " + to + " must be >= 0: " + d);
            }
            both.computeIfAbsent(from, k -> new HashMap<>()).put(to, d);
            both.computeIfAbsent(to, k -> new HashMap<>()).putIfAbsent(from, d);
        }));
        return new RegionDistances(both);
    }

    /** {@code order.get(a)}: the regions a falls back to, nearest first. */
    public static RegionDistances preferences(Map<String, List<String>> order) {
        Map<String, Map<String, Double>> table = new HashMap<>();
        order.forEach((from, list) -> {
            Map<String, Double> row = table.computeIfAbsent(from, k -> new HashMap<>());
            for (int k = 0; k < list.size(); k++) {
                row.putIfAbsent(list.get(k), k + 1.0);
            }
        });
        return new RegionDistances(table);
    }

    public double distance(String from, String to) {
        if (from.equals(to)) {
            return 0;
        }
        return distances.getOrDefault(from, Map.of()).getOrDefault(to, Double.POSITIVE_INFINITY);
    }

    /**
     * The nodes of the region nearest to {@code region} that has any: its own first. Regions at the
     * same distance are taken together. No region (null or blank) means no preference: all nodes.
     */
    public List<NodeRecord> nearest(String region, List<NodeRecord> nodes) {
        if (region == null || region.isBlank() || nodes.isEmpty()) {
            return nodes;
        }
        double best = Double.POSITIVE_INFINITY;
        for (NodeRecord node : nodes) {
            best = Math.min(best, distance(region, regionOf(node)));
        }
        double nearest = best;
        return nodes.stream().filter(node -> distance(region, regionOf(node)) == nearest).toList();
    }

    private static String regionOf(NodeRecord node) {
        return node.region() == null ? "" : node.region();
    }
}
