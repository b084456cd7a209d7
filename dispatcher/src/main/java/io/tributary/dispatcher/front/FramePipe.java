package io.tributary.dispatcher.front;

import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import java.lang.System.Logger.Level;

/**
 * Relays data frames both ways between two WebSockets on one context, as they are (text stays text, fragments stay
 * fragments), pausing a side while the other's write queue is full, and relays the close code and reason.
 */
final class FramePipe {

    private static final System.Logger LOG = System.getLogger(FramePipe.class.getName());
    /** Sent in place of codes that may not go on the wire (1005 none, 1006 abnormal, 1015 TLS): not 4000, so clients retry. */
    static final short GOING_AWAY = 1001;

    private FramePipe() {
    }

    static void link(WebSocketBase a, WebSocketBase b) {
        relay(a, b);
        relay(b, a);
    }

    private static void relay(WebSocketBase from, WebSocketBase to) {
        from.frameHandler(frame -> forward(frame, from, to));
        from.closeHandler(v -> close(to, from.closeStatusCode(), from.closeReason()));
        from.exceptionHandler(e -> LOG.log(Level.DEBUG, "proxied WebSocket: {0}", e.toString()));
    }

    private static void forward(WebSocketFrame frame, WebSocketBase from, WebSocketBase to) {
        if (!(frame.isText() || frame.isBinary() || frame.isContinuation()) || to.isClosed()) {
            return;
        }
        to.writeFrame(frame);
        if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(v -> from.resume());
        }
    }

    static void close(WebSocketBase socket, Short code, String reason) {
        if (socket.isClosed()) {
            return;
        }
        if (code == null || !sendable(code)) {
            socket.close(GOING_AWAY, "connection to the other side lost");
        } else {
            socket.close(code, reason == null ? "" : reason);
        }
    }

    private static boolean sendable(short code) {
        return code >= 1000 && code < 5000 && code != 1004 && code != 1005 && code != 1006 && code != 1015;
    }
}
