package io.tributary.dispatcher.front;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.protoo.ProtooPeer;
import java.util.Map;

/**
 * Tributary's one addition to protoo: a {@code redirect} notification ({@code {url}}: the home node's protoo URL with
 * the client's query) followed by close code 4000. Clients that understand it reconnect there; stock clients stop.
 */
public final class ProtooRedirect {

    public static final String METHOD = "redirect";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtooRedirect() {
    }

    /** Sends the redirect to {@code nodeUrl} with the client's {@code query} (minus {@code redirect}), then closes. */
    public static void send(ProtooPeer peer, String nodeUrl, Map<String, String> query) {
        // Both go out on the peer's context in call order: the notification is on the wire before the close frame.
        peer.notify(METHOD, JSON.createObjectNode().put("url", NodeUrls.redirectTarget(nodeUrl, query)));
        peer.close();
    }
}
