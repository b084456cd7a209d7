package io.tributary.protoo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The server's end of one protoo WebSocket (protoo-server's Peer). Callbacks run on the peer's context (see the
 * package documentation); methods may be called from any thread.
 */
public interface ProtooPeer {

    /** The {@code peerId} query parameter; null when it was absent and not required. */
    String id();

    /** Free per-peer data for the application (thread-safe, no null values). */
    Map<String, Object> data();

    /**
     * Sends a request. The future completes with the response data, or fails with {@link ProtooError} (error
     * response), {@link java.util.concurrent.TimeoutException} "request timeout", or {@link IllegalStateException}
     * "peer closed" (closed before the response, or already closed).
     */
    CompletableFuture<JsonNode> request(String method, JsonNode data);

    /** Sends a notification; dropped once the peer is closed. */
    void notify(String method, JsonNode data);

    /**
     * Sets the request handler (replacing any previous one). Requests that arrive while none is set are answered
     * with error 503 "no request handler", never left hanging.
     */
    void onRequest(RequestHandler handler);

    /** Sets the notification handler; notifications that arrive while none is set are dropped. */
    void onNotification(BiConsumer<String, JsonNode> handler);

    /** Sets the handler run once when the peer closes, whoever closed it; at once if it is already closed. */
    void onClose(Runnable handler);

    /** Closes the WebSocket with code 4000 "closed by protoo-server" (the client will not reconnect). */
    void close();

    boolean closed();
}
