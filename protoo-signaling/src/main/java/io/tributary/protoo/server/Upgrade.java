package io.tributary.protoo.server;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;

/** A WebSocket upgrade waiting for an answer, whichever Vert.x hook delivered it. */
public interface Upgrade {

    String path();

    /** The raw query string, null when there is none. */
    String query();

    MultiMap headers();

    SocketAddress remoteAddress();

    Future<ServerWebSocket> accept();

    void reject(int status, String reason);
}
