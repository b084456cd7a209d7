package io.tributary.bench.placement;

import java.util.ArrayList;
import java.util.List;

/** A node added, removed (it dies: its rooms re-home) or drained, at a time of the simulated day. */
record ClusterChange(long atMs, Kind kind, String nodeId, int capacity) {

    enum Kind { ADD, REMOVE, DRAIN }

    /** +2 nodes at 06:00, one removed at 12:00, one drained at 18:00, +1 at 21:00 (those within the run). */
    static List<ClusterChange> schedule(SimulationOptions options) {
        List<ClusterChange> all = List.of(
                new ClusterChange(6 * 3_600_000L, Kind.ADD, "node-add-1", 400),
                new ClusterChange(6 * 3_600_000L + 60_000, Kind.ADD, "node-add-2", 800),
                new ClusterChange(12 * 3_600_000L, Kind.REMOVE, SimulationCluster.nodeId(1), 0),
                new ClusterChange(18 * 3_600_000L, Kind.DRAIN, SimulationCluster.nodeId(2), 0),
                new ClusterChange(21 * 3_600_000L, Kind.ADD, "node-add-3", 400));
        List<ClusterChange> within = new ArrayList<>();
        for (ClusterChange change : all) {
            if (change.atMs < options.durationMs()) {
                within.add(change);
            }
        }
        return within;
    }

    String label() {
        return switch (kind) {
            case ADD -> "+" + nodeId;
            case REMOVE -> "-" + nodeId;
            case DRAIN -> "drain " + nodeId;
        };
    }
}
