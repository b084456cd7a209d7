package io.tributary.bench.placement;

import java.util.ArrayList;
import java.util.List;

/** The nodes a run starts with: capacities cycle 200, 400, 800 peers; every 4th node runs 1.4x hot. */
final class SimulationCluster {

    private static final int[] CAPACITIES = {200, 400, 800};
    static final double HOT_COST = 1.4;

    private SimulationCluster() {}

    static String nodeId(int index) {
        return String.format("node-%02d", index);
    }

    static List<SimNode> initial(int count) {
        List<SimNode> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nodes.add(new SimNode(nodeId(i), CAPACITIES[i % CAPACITIES.length], i % 4 == 3 ? HOT_COST : 1.0));
        }
        return nodes;
    }

    static int capacity(int count) {
        return initial(count).stream().mapToInt(node -> node.capacity).sum();
    }
}
