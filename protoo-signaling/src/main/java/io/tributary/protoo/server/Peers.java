package io.tributary.protoo.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The server's open peers, so that closing the server reaches every one of them. */
public final class Peers {

    private final Set<ServerPeer> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    void add(ServerPeer peer) {
        open.add(peer);
        if (closed) {
            peer.close();
        }
    }

    void remove(ServerPeer peer) {
        open.remove(peer);
    }

    boolean closed() {
        return closed;
    }

    public void closeAll() {
        closed = true;
        open.forEach(ServerPeer::close);
    }
}
