package io.tributary.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tributary.dispatcher.front.JoinerRegion;
import io.tributary.dispatcher.front.NodeUrls;
import io.tributary.dispatcher.home.NoCapacityException;
import io.tributary.server.cluster.RoomElsewhereException;
import io.tributary.server.room.Room;
import io.tributary.server.room.RoomGate;
import io.tributary.state.RoomKey;
import io.tributary.worker.errors.TypeError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's HTTP API: health, its rooms, the mediasoup-demo broadcaster API (which starts with
 * {@code GET /rooms/:roomId}, answering the room router's RTP capabilities), and the web client at {@code /}.
 * A room that lives on another node of the cluster answers 307 to the same path there.
 */
public final class HttpApi {

    private static final System.Logger LOG = System.getLogger(HttpApi.class.getName());

    private static final long MAX_BODY = 1024 * 1024;

    private final RoomGate rooms;
    private final NodeInfo node;

    public HttpApi(RoomGate rooms, NodeInfo node) {
        this.rooms = rooms;
        this.node = node;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/api/health").handler(this::health);
        router.get("/api/rooms").handler(this::roomList);
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
        body.put("rooms", rooms.rooms().size());
        body.put("uptimeMs", node.uptimeMs());
        sendJson(ctx.response(), body);
    }

    /** {@code [{room: {namespace, roomId}, peers: [peerId...]}]}: what runs here, for monitoring and tests. */
    private void roomList(RoutingContext ctx) {
        rooms.rooms().summaries().onSuccess(list -> sendJson(ctx.response(), list)).onFailure(e -> sendError(ctx, e));
    }

    private void roomRtpCapabilities(RoutingContext ctx) {
        open(rooms, ctx)
                .onSuccess(room -> sendJson(ctx.response(), room.router().rtpCapabilities()))
                .onFailure(e -> sendError(ctx, e));
    }

    /** The room of {@code /rooms/:roomId?namespace=}, if it is (or may become) this node's. */
    static Future<Room> open(RoomGate rooms, RoutingContext ctx) {
        RoomKey key = new RoomKey(ctx.request().getParam("namespace"), ctx.pathParam("roomId"));
        return rooms.open(key, JoinerRegion.of(ctx.request().getParam("region"), ctx.request().headers()), 0);
    }

    static void sendJson(HttpServerResponse response, Object body) {
        try {
            response.putHeader("content-type", "application/json").end(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            sendError(response, e);
        }
    }

    /** A room of another node: 307 to the same request there; a full cluster: 503 with Retry-After; else as below. */
    static void sendError(RoutingContext ctx, Throwable error) {
        HttpServerResponse response = ctx.response();
        if (error instanceof RoomElsewhereException elsewhere && !response.ended()) {
            response.setStatusCode(307)
                    .putHeader(HttpHeaders.LOCATION, NodeUrls.http(elsewhere.home().url()) + ctx.request().uri())
                    .end();
        } else if (error instanceof NoCapacityException full && !response.ended()) {
            response.setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(full.retryAfterSeconds()))
                    .putHeader("content-type", "text/plain; charset=utf-8").end(full.getMessage());
        } else {
            sendError(response, error);
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
