package io.tributary.dispatcher.front;

import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.protoo.ProtooServerOptions;
import io.tributary.protoo.ProtooWebSocketServer;
import io.tributary.state.ClusterState;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;

/**
 * The dispatcher role's front door: the same protoo URL as a node ({@code /?roomId=&peerId=&namespace=}), proxied to
 * the room's home node or answered with a {@code redirect}; the broadcaster API proxied likewise; {@code /api/resolve},
 * {@code /api/health} and {@code /api/nodes}; anything else goes to {@code fallback} (e.g. the web client).
 */
public final class DispatcherFront extends VerticleBase {

    private static final long MAX_BODY = 1024 * 1024;
    /** Proxied protoo sockets per node: Vert.x would otherwise queue every upgrade past 50, stalling joins. */
    private static final int MAX_PROXIED_PER_NODE = 100_000;

    private final DispatcherOptions options;
    private final ClusterState state;
    private final RoomHomes homes;
    private final Handler<RoutingContext> fallback;
    private HttpServer server;
    private WebSocketClient webSockets;
    private HttpClient http;

    public DispatcherFront(DispatcherOptions options, ClusterState state, RoomHomes homes,
                           Handler<RoutingContext> fallback) {
        this.options = Objects.requireNonNull(options, "options");
        this.state = Objects.requireNonNull(state, "state");
        this.homes = Objects.requireNonNull(homes, "homes");
        this.fallback = fallback;
    }

    @Override
    public Future<?> start() {
        ProtooServerOptions protoo = ProtooServerOptions.defaults();
        webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(MAX_PROXIED_PER_NODE)
                .setMaxFrameSize(protoo.maxMessageSize())
                .setMaxMessageSize(protoo.maxMessageSize()));
        http = vertx.createHttpClient();
        ProtooProxy proxy = new ProtooProxy(vertx, webSockets, homes, options.regions());
        ProtooWebSocketServer redirects = ProtooWebSocketServer.create(vertx, protoo, new RedirectSignaling(homes, options.regions()));
        Router router = router();
        Handler<HttpServerRequest> redirecting = redirects.requestHandler(router);
        Handler<HttpServerRequest> proxying = new ProxyUpgrades(proxy).requestHandler(router);
        return vertx.createHttpServer(protoo.applyTo(options.http()))
                .requestHandler(request -> (options.redirect() || "1".equals(request.getParam("redirect"))
                        ? redirecting : proxying).handle(request))
                .listen(options.port(), options.host())
                .onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
        return Future.join(server == null ? Future.succeededFuture() : server.close(), webSockets.close(), http.close());
    }

    /** The bound port (differs from the configured one when that was 0). */
    public int port() {
        return server.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        DispatcherApi api = new DispatcherApi(state, homes, options.regions());
        router.get("/api/resolve").handler(api::resolve);
        router.get("/api/health").handler(api::health);
        router.get("/api/nodes").handler(api::nodes);
        BroadcasterProxy broadcasters = new BroadcasterProxy(http, homes, options.regions());
        router.route("/rooms/:roomId*").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(broadcasters::handle);
        if (fallback != null) {
            router.route("/*").handler(fallback);
        }
        return router;
    }
}
