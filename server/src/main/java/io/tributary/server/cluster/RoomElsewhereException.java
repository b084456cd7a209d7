package io.tributary.server.cluster;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;

/** The room's home is another node: clients are sent there (protoo {@code redirect}, HTTP 307). */
public final class RoomElsewhereException extends RuntimeException {

    private final transient NodeRecord home;

    public RoomElsewhereException(RoomKey room, NodeRecord home) {
        super("room " + room.qualified() + " lives on node " + home.nodeId(), null, false, false);
        this.home = home;
    }

    public NodeRecord home() {
        return home;
    }
}
