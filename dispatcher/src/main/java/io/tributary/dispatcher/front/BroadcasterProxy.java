package io.tributary.dispatcher.front;

import io.tributary.dispatcher.home.NoCapacityException;
import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/** The demo's broadcaster HTTP API ({@code /rooms/:roomId/...}) forwarded to the room's home node, body and all. */
final class BroadcasterProxy {

    /** Per-connection headers, never forwarded (RFC 9110 §7.6.1), plus those the client recomputes. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length");

    private record Answer(int status, MultiMap headers, Buffer body) {
    }

    private final HttpClient http;
    private final RoomHomes homes;

    private final JoinerRegion regions;

    BroadcasterProxy(HttpClient http, RoomHomes homes, JoinerRegion regions) {
        this.http = http;
        this.homes = homes;
        this.regions = regions;
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        RoomKey room = new RoomKey(request.getParam("namespace"), ctx.pathParam("roomId"));
        homes.resolve(room, regions.of(request.getParam("region"), request.headers(), request.remoteAddress()))
                .compose(node -> forward(request, NodeUrls.http(node.url()) + request.uri(), body))
                .onSuccess(answer -> {
                    HttpServerResponse response = ctx.response().setStatusCode(answer.status());
                    copyHeaders(answer.headers(), response.headers());
                    response.end(answer.body());
                })
                .onFailure(e -> fail(ctx.response(), e));
    }

    private Future<Answer> forward(HttpServerRequest request, String url, Buffer body) {
        MultiMap headers = HttpHeaders.headers();
        copyHeaders(request.headers(), headers);
        RequestOptions options = new RequestOptions().setMethod(request.method()).setAbsoluteURI(url).setHeaders(headers);
        return http.request(options)
                .compose(outgoing -> outgoing.send(body))
                .compose((HttpClientResponse response) -> response.body()
                        .map(b -> new Answer(response.statusCode(), response.headers(), b)));
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                to.add(name, value);
            }
        });
    }

    static void fail(HttpServerResponse response, Throwable e) {
        if (response.ended()) {
            return;
        }
        if (e instanceof NoCapacityException full) {
            response.setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(full.retryAfterSeconds()));
        } else {
            response.setStatusCode(502);
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(String.valueOf(e.getMessage()));
    }
}
