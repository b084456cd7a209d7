package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;

/** One number for how busy a node is: the larger of its CPU load and its peers over capacity. */
public final class NodeLoad {

    private NodeLoad() {}

    public static double of(NodeRecord node) {
        double byPeers = node.capacity() <= 0 ? 1.0 : (double) node.peers() / node.capacity();
        return Math.max(node.cpuLoad(), byPeers);
    }

    /** The load in peers: what the node carries, counted in its own capacity's unit. */
    public static double inPeers(NodeRecord node) {
        return of(node) * Math.max(0, node.capacity());
    }
}
