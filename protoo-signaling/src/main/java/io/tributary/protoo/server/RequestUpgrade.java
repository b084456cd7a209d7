package io.tributary.protoo.server;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;

/** An upgrade seen by a request handler: it may be refused with a reason, as websocket-node does. */
public final class RequestUpgrade implements Upgrade {

    private final HttpServerRequest request;

    /** Pauses the request so nothing is lost while the application decides, possibly asynchronously. */
    public RequestUpgrade(HttpServerRequest request) {
        this.request = request;
        request.pause();
    }

    /** Whether {@code request} asks for a WebSocket. */
    public static boolean isUpgrade(HttpServerRequest request) {
        return request.headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true);
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String query() {
        return request.query();
    }

    @Override
    public MultiMap headers() {
        return request.headers();
    }

    @Override
    public SocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public Future<ServerWebSocket> accept() {
        return request.toWebSocket();
    }

    @Override
    public void reject(int status, String reason) {
        String text = reason.replaceAll("[\\p{Cntrl}]", " ");
        request.resume();
        request.response()
                .setStatusCode(status)
                .putHeader("X-WebSocket-Reject-Reason", text)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(text);
    }
}
