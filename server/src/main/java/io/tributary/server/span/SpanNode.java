package io.tributary.server.span;

import io.tributary.pipe.RemotePipes;
import io.tributary.pipe.RemotePipesOptions;
import io.tributary.pipe.control.RequestSigner;
import io.tributary.server.room.RoomRegistry;
import io.tributary.state.ClusterState;
import io.tributary.worker.transport.TransportListenInfo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * A cluster node's internal listener ({@code --internal-port}): router-pipe's control API at {@code /internal/pipe}
 * and the span messages at {@code /internal/span}, both signed with the cluster secret. Runs on the node's control
 * context, where the rooms live.
 */
public final class SpanNode {

    private static final long REFRESH_MS = 2000;

    private final Vertx vertx;
    private final HttpServer server;
    private final RemotePipes pipes;
    private final SpanClient client;
    private final long timer;

    private SpanNode(Vertx vertx, HttpServer server, RemotePipes pipes, SpanClient client, long timer) {
        this.vertx = vertx;
        this.server = server;
        this.pipes = pipes;
        this.client = client;
        this.timer = timer;
    }

    /**
     * Listens on {@code host:port}, announced to the other nodes as {@code http://announcedIp:port}, and from then on
     * hears of the rooms' local peers.
     */
    public static Future<SpanNode> start(Vertx vertx, Context control, String nodeId, String secret, String host,
                                         String announcedIp, int port, ClusterState state, RoomRegistry rooms) {
        Promise<SpanNode> started = Promise.promise();
        control.runOnContext(v -> {
            String baseUrl = "http://" + (announcedIp.contains(":") ? "[" + announcedIp + "]" : announcedIp) + ":" + port;
            RequestSigner signer = new RequestSigner(secret);
            SpanClient client = new SpanClient(vertx, signer);
            RemotePipes[] pipes = new RemotePipes[1];
            RoomSpans spans = new RoomSpans(nodeId, baseUrl, state, rooms, control, client, () -> pipes[0]);
            pipes[0] = RemotePipes.create(vertx, RemotePipesOptions.of(nodeId, baseUrl + "/internal/pipe", secret)
                    .withListenInfo(TransportListenInfo.udp(host, 0).withAnnouncedAddress(announcedIp)), spans);
            Router root = Router.router(vertx);
            root.route("/internal/pipe/*").subRouter(pipes[0].controlRouter());
            root.route(SpanApi.MOUNT + "/*").subRouter(SpanApi.router(vertx, signer, spans));
            vertx.createHttpServer().requestHandler(root).listen(port, host).onComplete(ar -> {
                if (ar.failed()) {
                    pipes[0].close().eventually(client::close).onComplete(x -> started.fail(ar.cause()));
                    return;
                }
                rooms.events(spans);
                rooms.onRoomClosed(spans::roomClosed);
                long timer = vertx.setPeriodic(REFRESH_MS, t -> control.runOnContext(x -> spans.refresh()));
                started.complete(new SpanNode(vertx, ar.result(), pipes[0], client, timer));
            });
        });
        return started.future();
    }

    public Future<Void> close() {
        vertx.cancelTimer(timer);
        return pipes.close().eventually(client::close).eventually(server::close);
    }
}
