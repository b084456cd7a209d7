package io.tributary.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.server.room.Broadcasters;
import io.tributary.server.room.RoomGate;
import io.tributary.worker.errors.TypeError;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * The mediasoup-demo broadcaster API: any of these URLs creates the room if needed, and errors answer
 * as the demo does (400 for a TypeError, else 500, body {@code String(error)}).
 */
final class BroadcasterRoutes {

    private static final String BROADCASTER = "/rooms/:roomId/broadcasters/:broadcasterId";
    private static final String TRANSPORT = BROADCASTER + "/transports/:transportId";

    private final RoomGate rooms;

    private BroadcasterRoutes(RoomGate rooms) {
        this.rooms = rooms;
    }

    static void install(Router router, RoomGate rooms) {
        BroadcasterRoutes routes = new BroadcasterRoutes(rooms);
        router.post("/rooms/:roomId/broadcasters").handler(ctx -> routes.json(ctx, (api, body) -> api.create(body)));
        router.delete(BROADCASTER).handler(ctx -> routes.call(ctx, (api, body) ->
                api.delete(ctx.pathParam("broadcasterId")).map(v -> null), "broadcaster deleted"));
        router.post(BROADCASTER + "/transports").handler(ctx -> routes.json(ctx, (api, body) ->
                api.createTransport(ctx.pathParam("broadcasterId"), body)));
        router.post(TRANSPORT + "/connect").handler(ctx -> routes.call(ctx, (api, body) ->
                api.connectTransport(ctx.pathParam("broadcasterId"), ctx.pathParam("transportId"), body).map(v -> null), ""));
        router.post(TRANSPORT + "/producers").handler(ctx -> routes.json(ctx, (api, body) ->
                api.produce(ctx.pathParam("broadcasterId"), ctx.pathParam("transportId"), body)));
        router.post(TRANSPORT + "/consume").handler(ctx -> routes.json(ctx, (api, body) ->
                api.consume(ctx.pathParam("broadcasterId"), ctx.pathParam("transportId"), ctx.queryParams().get("producerId"))));
    }

    private void json(RoutingContext ctx, BiFunction<Broadcasters, JsonNode, Future<JsonNode>> action) {
        run(ctx, action).onSuccess(answer -> HttpApi.sendJson(ctx.response(), answer))
                .onFailure(e -> HttpApi.sendError(ctx, e));
    }

    private void call(RoutingContext ctx, BiFunction<Broadcasters, JsonNode, Future<JsonNode>> action, String text) {
        run(ctx, action).onSuccess(v -> ctx.response().putHeader("content-type", "text/plain; charset=utf-8").end(text))
                .onFailure(e -> HttpApi.sendError(ctx, e));
    }

    private Future<JsonNode> run(RoutingContext ctx, BiFunction<Broadcasters, JsonNode, Future<JsonNode>> action) {
        JsonNode body;
        try {
            String text = ctx.body() == null ? null : ctx.body().asString();
            body = text == null || text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return Future.failedFuture(new TypeError("invalid JSON body"));
        }
        return HttpApi.open(rooms, ctx).compose(room -> action.apply(room.broadcasterApi(), body));
    }
}
