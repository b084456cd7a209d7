package io.tributary.protoo;

import io.vertx.core.http.HttpServerOptions;
import java.util.Objects;

/**
 * Server side settings.
 *
 * @param pingIntervalMs        keep-alive ping period (protoo-server: 60 s); a peer silent for a whole period after
 *                              a ping is dropped; 0 disables pings
 * @param maxMessageSize        largest text message accepted, in bytes (the demo: 960000); larger ones are dropped
 * @param requireRoomAndPeerIds refuse upgrades without {@code roomId} and {@code peerId} with HTTP 400 (the demo's
 *                              rule)
 * @param requestTimeout        how long the server's requests wait for a response (protoo-server's by default)
 */
public record ProtooServerOptions(long pingIntervalMs, int maxMessageSize, boolean requireRoomAndPeerIds,
                                  RequestTimeout requestTimeout) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 960_000;

    public ProtooServerOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (pingIntervalMs < 0 || maxMessageSize <= 0) {
            throw new IllegalArgumentException("invalid pingIntervalMs " + pingIntervalMs + " or maxMessageSize "
                    + maxMessageSize);
        }
    }

    /** With protoo-server's request timeout. */
    public ProtooServerOptions(long pingIntervalMs, int maxMessageSize, boolean requireRoomAndPeerIds) {
        this(pingIntervalMs, maxMessageSize, requireRoomAndPeerIds, RequestTimeout.server());
    }

    /** protoo-server and the demo: ping every 60 s, 960000-byte messages, roomId and peerId required. */
    public static ProtooServerOptions defaults() {
        return new ProtooServerOptions(60_000, DEFAULT_MAX_MESSAGE_SIZE, true);
    }

    public ProtooServerOptions withPingIntervalMs(long value) {
        return new ProtooServerOptions(value, maxMessageSize, requireRoomAndPeerIds, requestTimeout);
    }

    public ProtooServerOptions withRequireRoomAndPeerIds(boolean value) {
        return new ProtooServerOptions(pingIntervalMs, maxMessageSize, value, requestTimeout);
    }

    public ProtooServerOptions withRequestTimeout(RequestTimeout value) {
        return new ProtooServerOptions(pingIntervalMs, maxMessageSize, requireRoomAndPeerIds, value);
    }

    /**
     * Prepares the options of the {@code HttpServer} that will carry protoo: Vert.x only echoes a subprotocol listed
     * there, and its frame limit must let a whole protoo message through (browsers send a message as one frame).
     */
    public HttpServerOptions applyTo(HttpServerOptions http) {
        if (http.getWebSocketSubProtocols() == null || !http.getWebSocketSubProtocols().contains("protoo")) {
            http.addWebSocketSubProtocol("protoo");
        }
        http.setMaxWebSocketFrameSize(Math.max(http.getMaxWebSocketFrameSize(), maxMessageSize));
        http.setMaxWebSocketMessageSize(Math.max(http.getMaxWebSocketMessageSize(), maxMessageSize));
        return http;
    }
}
