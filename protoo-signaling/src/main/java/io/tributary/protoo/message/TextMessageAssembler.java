package io.tributary.protoo.message;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Joins text frames into messages under our own size limit, so an oversize or binary message is dropped while
 * the WebSocket stays open (Vert.x's aggregation would only take the HttpServer's limit).
 */
public final class TextMessageAssembler implements Handler<WebSocketFrame> {

    private static final System.Logger LOG = System.getLogger(TextMessageAssembler.class.getName());

    private final int maxMessageSize;
    private final Consumer<String> onMessage;
    private final String peer;
    private Buffer parts;
    private boolean discarding;

    public TextMessageAssembler(int maxMessageSize, Consumer<String> onMessage, String peer) {
        this.maxMessageSize = maxMessageSize;
        this.onMessage = onMessage;
        this.peer = peer;
    }

    @Override
    public void handle(WebSocketFrame frame) {
        switch (frame.type()) {
            case TEXT -> {
                parts = Buffer.buffer();
                discarding = false;
                append(frame);
            }
            case BINARY -> {
                LOG.log(System.Logger.Level.WARNING, "{0}: ignoring a binary message", peer);
                parts = null;
                discarding = true;
                finish(frame);
            }
            case CONTINUATION -> append(frame);
            default -> {
                // Ping, pong and close are Vert.x's business.
            }
        }
    }

    private void append(WebSocketFrame frame) {
        if (!discarding && parts != null) {
            Buffer data = frame.binaryData();
            if (parts.length() + data.length() > maxMessageSize) {
                LOG.log(System.Logger.Level.WARNING, "{0}: ignoring a text message over {1} bytes", peer,
                        maxMessageSize);
                parts = null;
                discarding = true;
            } else {
                parts.appendBuffer(data);
            }
        }
        finish(frame);
    }

    private void finish(WebSocketFrame frame) {
        if (!frame.isFinal()) {
            return;
        }
        Buffer message = parts;
        parts = null;
        discarding = false;
        if (message != null) {
            onMessage.accept(message.toString(StandardCharsets.UTF_8));
        }
    }
}
