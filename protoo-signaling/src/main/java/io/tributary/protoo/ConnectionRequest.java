package io.tributary.protoo;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.Map;

/** A WebSocket upgrade that offered the {@code protoo} subprotocol (and, when required, roomId and peerId). */
public interface ConnectionRequest {

    /** Decoded query parameters (roomId, peerId, consumerReplicas, ...); the first value of a repeated name. */
    Map<String, String> query();

    String path();

    SocketAddress remoteAddress();

    MultiMap headers();

    /**
     * Completes the upgrade with subprotocol {@code protoo}. The peer is usable at once: messages sent before the
     * socket is up are queued. Install its request handler before returning from the {@link ConnectionHandler} so no
     * request finds it missing. A second answer throws {@link IllegalStateException}.
     */
    ProtooPeer accept();

    /**
     * Refuses the upgrade. With {@link ProtooWebSocketServer#requestHandler} the reason goes out in the body and in
     * {@code X-WebSocket-Reject-Reason} (as websocket-node); a {@code ServerWebSocketHandshake} can only carry the
     * status, so there the reason is only logged.
     */
    void reject(int httpStatus, String reason);
}
