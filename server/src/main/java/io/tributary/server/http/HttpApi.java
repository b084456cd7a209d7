package io.tributary.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tributary.server.room.RoomRegistry;
import io.tributary.worker.errors.TypeError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's HTTP API: health, the mediasoup-demo broadcaster API (which starts with
 * {@code GET /rooms/:roomId}, answering the room router's RTP capabilities), and the web client at {@code /}.
 */
public final class HttpApi {

    private static final System.Logger LOG = System.getLogger(HttpApi.class.getName());

    private static final long MAX_BODY = 1024 * 1024;

    private final RoomRegistry rooms;
    private final NodeInfo node;

    public HttpApi(RoomRegistry rooms, NodeInfo node) {
        this.rooms = rooms;
        this.node = node;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/api/health").handler(this::health);
        router.get("/rooms/:roomId").handler(this::roomRtpCapabilities);
        router.route("/rooms/:roomId/broadcasters*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
        BroadcasterRoutes.install(router, rooms);
        // The web client (module clients/web), bundled into webroot/ on the classpath; after the API routes.
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        return router;
    }

    private void health(RoutingContext ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("role", node.role());
        body.put("version", node.version());
        body.put("workers", node.workers());
        body.put("rooms", rooms.size());
        body.put("uptimeMs", node.uptimeMs());
        sendJson(ctx.response(), body);
    }

    private void roomRtpCapabilities(RoutingContext ctx) {
        String roomId = ctx.pathParam("roomId");
        rooms.getOrCreate(roomId)
                .onSuccess(room -> sendJson(ctx.response(), room.router().rtpCapabilities()))
                .onFailure(e -> sendError(ctx.response(), e));
    }

    static void sendJson(HttpServerResponse response, Object body) {
        try {
            response.putHeader("content-type", "application/json").end(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            sendError(response, e);
        }
    }

    /** As the demo's Express error handler: 400 for TypeError, else 500, body {@code String(error)}. */
    static void sendError(HttpServerResponse response, Throwable error) {
        if (response.ended()) {
            return;
        }
        int status = error instanceof TypeError ? 400 : 500;
        if (status == 500) {
            LOG.log(Level.WARNING, "request failed", error);
        }
        response.setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(String.valueOf(error));
    }
}
