package io.tributary.server.cluster;

import io.tributary.dispatcher.front.DispatcherFront;
import io.tributary.dispatcher.front.DispatcherOptions;
import io.tributary.dispatcher.front.JoinerRegion;
import io.tributary.dispatcher.home.RoomHomes;
import io.tributary.dispatcher.placement.Placement;
import io.tributary.dispatcher.region.CidrTable;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.HttpOptions;
import io.tributary.server.node.VertxClose;
import io.tributary.state.ClusterState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.Function;

/** The dispatcher role: the front door on the cluster state, serving the web client too (it connects back here). */
public final class DispatcherNode {

    private final Vertx vertx;
    private final ClusterState state;
    private final DispatcherFront front;

    private DispatcherNode(Vertx vertx, ClusterState state, DispatcherFront front) {
        this.vertx = vertx;
        this.state = state;
        this.front = front;
    }

    public static Future<DispatcherNode> start(ServerConfig config, Function<Vertx, ClusterState> states,
                                               Placement placement) {
        Vertx vertx = Vertx.vertx();
        ClusterState state = states.apply(vertx);
        RoomHomes homes = new RoomHomes(state, placement, config.cluster().roomNodeCap());
        DispatcherFront front = new DispatcherFront(
                new DispatcherOptions(config.host(), config.port(), config.cluster().redirect(), HttpOptions.of(config),
                        new JoinerRegion(CidrTable.parse(config.cluster().regions().cidrs()))),
                state, homes, StaticHandler.create("webroot").setCachingEnabled(false));
        DispatcherNode dispatcher = new DispatcherNode(vertx, state, front);
        return vertx.deployVerticle(front).map(id -> dispatcher)
                .recover(e -> dispatcher.close().transform(v -> Future.failedFuture(e)));
    }

    public int port() {
        return front.port();
    }

    public Future<Void> close() {
        return VertxClose.after(state.close(), vertx);
    }
}
