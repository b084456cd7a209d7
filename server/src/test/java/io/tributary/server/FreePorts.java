package io.tributary.server;

import io.tributary.server.cluster.LoopbackPorts;

/** Free loopback ports for servers started by tests: the cluster command's chooser, one per test JVM. */
public final class FreePorts {

    private static final LoopbackPorts PORTS = new LoopbackPorts();

    private FreePorts() {
    }

    /** The first of two consecutive ports free for TCP and UDP (a node's media ports for two workers). */
    public static int tcpPair() {
        return PORTS.mediaRange(2);
    }

    public static int tcp() {
        return PORTS.tcp();
    }
}
