package io.tributary.dispatcher.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.state.RoomKey;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.io.IOException;
import java.util.List;

/**
 * The transparent protoo proxy for stock clients: resolves the room's home, opens the same protoo URL on it, and only
 * then completes the client's upgrade and relays frames both ways. A node always speaks first (the demo's
 * {@code mediasoup-version}, or a {@code redirect} when another node owns the room), so the proxy reads that first
 * message before accepting: a redirect is followed here, and the stock client never sees it.
 */
final class ProtooProxy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HOPS = 3;
    private static final long GREETING_TIMEOUT_MS = 10_000;

    private final Vertx vertx;
    private final WebSocketClient client;
    private final RoomHomes homes;
    private final JoinerRegion regions;

    ProtooProxy(Vertx vertx, WebSocketClient client, RoomHomes homes, JoinerRegion regions) {
        this.regions = regions;
        this.vertx = vertx;
        this.client = client;
        this.homes = homes;
    }

    /** Called on the request's context with a protoo upgrade that names its room and peer. */
    void handle(HttpServerRequest request) {
        request.pause();
        Context context = Vertx.currentContext();
        RoomKey room = new RoomKey(request.getParam("namespace"), request.getParam("roomId"));
        homes.resolveJoin(room, regions.of(request.getParam("region"), request.headers(), request.remoteAddress()))
                .onComplete(ar -> context.runOnContext(v -> {
                    if (ar.failed()) {
                        UpgradeAnswers.refuse(request, 503, ar.cause());
                    } else {
                        new Session(request).connect(NodeUrls.webSocket(ar.result().url(), request.query()), MAX_HOPS);
                    }
                }));
    }

    /** One proxied connection while its upstream is being set up; touched only on the request's context. */
    private final class Session {

        private final HttpServerRequest request;

        Session(HttpServerRequest request) {
            this.request = request;
        }

        void connect(String url, int hopsLeft) {
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setAbsoluteURI(url)
                    .setSubProtocols(List.of("protoo"))
                    .putHeader("X-Forwarded-For", String.valueOf(request.remoteAddress().hostAddress()));
            String region = request.headers().get(JoinerRegion.HEADER);
            if (region != null) {
                options.putHeader(JoinerRegion.HEADER, region);
            }
            client.connect(options).onComplete(ar -> {
                if (ar.succeeded()) {
                    awaitGreeting(ar.result(), hopsLeft);
                } else if (ar.cause() instanceof UpgradeRejectedException rejected) {
                    String body = rejected.getBody() == null ? "" : rejected.getBody().toString();
                    UpgradeAnswers.refuse(request, rejected.getStatus(), body.isEmpty() ? "refused by the home node" : body);
                } else {
                    UpgradeAnswers.refuse(request, 502, "home node unreachable: " + ar.cause().getMessage());
                }
            });
        }

        private void awaitGreeting(WebSocket upstream, int hopsLeft) {
            boolean[] decided = {false};
            long timer = vertx.setTimer(GREETING_TIMEOUT_MS, t -> {
                decided[0] = true;
                upstream.close();
                UpgradeAnswers.refuse(request, 504, "the home node sent nothing");
            });
            upstream.closeHandler(v -> {
                if (!decided[0]) {
                    decided[0] = true;
                    vertx.cancelTimer(timer);
                    UpgradeAnswers.refuse(request, 502, "the home node closed the connection (" + upstream.closeStatusCode()
                            + " " + upstream.closeReason() + ")");
                }
            });
            upstream.frameHandler(frame -> {
                if (decided[0] || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
                    return;
                }
                decided[0] = true;
                vertx.cancelTimer(timer);
                upstream.pause();
                String redirect = redirectTarget(frame);
                if (redirect != null && hopsLeft > 1) {
                    upstream.closeHandler(null);
                    upstream.close();
                    connect(redirect, hopsLeft - 1);
                } else {
                    accept(upstream, copy(frame));
                }
            });
        }

        private void accept(WebSocket upstream, WebSocketFrame greeting) {
            upstream.closeHandler(null);
            request.toWebSocket().onComplete(ar -> {
                if (ar.failed()) {
                    upstream.close();
                    return;
                }
                if (upstream.isClosed()) {
                    FramePipe.close(ar.result(), upstream.closeStatusCode(), upstream.closeReason());
                    return;
                }
                ar.result().writeFrame(greeting);
                FramePipe.link(ar.result(), upstream);
                upstream.resume();
            });
        }
    }

    /** The URL of a protoo {@code redirect} notification, else null. */
    private static String redirectTarget(WebSocketFrame frame) {
        if (!frame.isText() || !frame.isFinal()) {
            return null;
        }
        try {
            JsonNode message = JSON.readTree(frame.textData());
            if (message.path("notification").asBoolean() && ProtooRedirect.METHOD.equals(message.path("method").asText())) {
                String url = message.path("data").path("url").asText("");
                return url.isEmpty() ? null : url;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Held across an asynchronous step, so it owns its bytes. */
    private static WebSocketFrame copy(WebSocketFrame frame) {
        if (frame.isText()) {
            return WebSocketFrame.textFrame(frame.textData(), frame.isFinal());
        }
        return frame.isBinary() ? WebSocketFrame.binaryFrame(frame.binaryData().copy(), frame.isFinal())
                : WebSocketFrame.continuationFrame(frame.binaryData().copy(), frame.isFinal());
    }
}
