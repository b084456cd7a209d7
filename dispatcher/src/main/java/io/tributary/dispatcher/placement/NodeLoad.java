package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;

/** One number for how busy a node is: the larger of its CPU load and its peers over capacity. */
public final class NodeLoad {

    private NodeLoad() {}

    public static double of(NodeRecord node) {
        double byPeers = node.capacity() <= 0 ? 1.0 : (double) node.peers() / node.capacity();
        return Math.max(node.cpuLoad(), byPeers);
    }
}
