package io.tributary.dispatcher.front;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.dispatcher.home.NoCapacityException;
import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.state.ClusterState;
import io.tributary.state.RoomKey;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** The dispatcher's JSON API: where a room lives ({@code /api/resolve}), health, and the node registry. */
final class DispatcherApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterState state;
    private final RoomHomes homes;
    private final JoinerRegion regions;

    DispatcherApi(ClusterState state, RoomHomes homes, JoinerRegion regions) {
        this.regions = regions;
        this.state = state;
        this.homes = homes;
    }

    /** {@code GET /api/resolve?roomId=&namespace=&region=}: {@code {nodeId, url, region}}, placing the room if needed. */
    void resolve(RoutingContext ctx) {
        String roomId = ctx.request().getParam("roomId");
        if (roomId == null || roomId.isEmpty()) {
            text(ctx.response().setStatusCode(400), "missing roomId");
            return;
        }
        RoomKey room = new RoomKey(ctx.request().getParam("namespace"), roomId);
        homes.resolve(room, regions.of(ctx.request().getParam("region"), ctx.request().headers(),
                        ctx.request().remoteAddress()))
                .onSuccess(node -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("nodeId", node.nodeId());
                    body.put("url", node.url());
                    body.put("region", node.region());
                    json(ctx.response(), body);
                })
                .onFailure(e -> {
                    // A full cluster and an unreachable cluster state are both worth retrying shortly.
                    int retryAfter = e instanceof NoCapacityException full ? full.retryAfterSeconds()
                            : RoomHomes.RETRY_AFTER_SECONDS;
                    text(ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter)),
                            String.valueOf(e.getMessage()));
                });
    }

    /** 200 once at least one node is registered, else 503: a load balancer sends clients only to useful dispatchers. */
    void health(RoutingContext ctx) {
        state.nodes().onComplete(ar -> {
            int nodes = ar.succeeded() ? ar.result().size() : 0;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", nodes > 0 ? "ok" : ar.succeeded() ? "no nodes registered" : "cluster state unavailable");
            body.put("role", "dispatcher");
            body.put("nodes", nodes);
            body.put("strategy", homes.strategyName());
            json(ctx.response().setStatusCode(nodes > 0 ? 200 : 503), body);
        });
    }

    void nodes(RoutingContext ctx) {
        state.nodes().onSuccess(nodes -> json(ctx.response(), nodes))
                .onFailure(e -> text(ctx.response().setStatusCode(503), "cluster state unavailable: " + e.getMessage()));
    }

    private static void json(HttpServerResponse response, Object body) {
        try {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            text(response.setStatusCode(500), e.getMessage());
        }
    }

    private static void text(HttpServerResponse response, String body) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(body);
    }
}
