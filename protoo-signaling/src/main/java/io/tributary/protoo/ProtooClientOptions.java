package io.tributary.protoo;

import io.vertx.core.http.WebSocketClientOptions;
import java.util.Objects;

/**
 * Client side settings.
 *
 * @param retry          the connection retry schedule (protoo-client's by default)
 * @param requestTimeout how long the client's requests wait for a response (protoo-client's by default)
 * @param maxMessageSize largest text message accepted, in bytes; larger ones are dropped
 * @param webSocket      Vert.x WebSocket client settings (TLS trust for wss, proxy, ...); copied, and its frame and
 *                       message limits raised to {@code maxMessageSize}
 */
public record ProtooClientOptions(RetrySchedule retry, RequestTimeout requestTimeout, int maxMessageSize,
                                  WebSocketClientOptions webSocket) {

    public ProtooClientOptions {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize " + maxMessageSize);
        }
        webSocket = new WebSocketClientOptions(Objects.requireNonNull(webSocket, "webSocket"));
    }

    /** protoo-client: retries 10, factor 2, 1 s to 8 s; 1500 × (15 + 0.1 × pending) ms request timeout. */
    public static ProtooClientOptions defaults() {
        return new ProtooClientOptions(RetrySchedule.defaults(), RequestTimeout.client(),
                ProtooServerOptions.DEFAULT_MAX_MESSAGE_SIZE, new WebSocketClientOptions());
    }

    public ProtooClientOptions withRetry(RetrySchedule value) {
        return new ProtooClientOptions(value, requestTimeout, maxMessageSize, webSocket);
    }

    public ProtooClientOptions withRequestTimeout(RequestTimeout value) {
        return new ProtooClientOptions(retry, value, maxMessageSize, webSocket);
    }

    /** A copy, so the record stays unchanged. */
    @Override
    public WebSocketClientOptions webSocket() {
        return new WebSocketClientOptions(webSocket);
    }
}
