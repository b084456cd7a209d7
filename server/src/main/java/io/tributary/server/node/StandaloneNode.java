package io.tributary.server.node;

import io.tributary.protoo.ProtooServerOptions;
import io.tributary.protoo.ProtooWebSocketServer;
import io.tributary.server.cluster.RoomAdmission;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.http.HttpApi;
import io.tributary.server.http.NodeInfo;
import io.tributary.server.room.MediaCodecs;
import io.tributary.server.room.RoomGate;
import io.tributary.server.room.RoomRegistry;
import io.tributary.server.signaling.RoomSignaling;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.webrtc.WebRtcServerOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * A media node: media workers, the room registry and the HTTP/WebSocket front end, with an admission that
 * decides which rooms are its own (all of them when it runs alone, see {@link RoomAdmission#local()}).
 * Workers are deployed first so each takes an event loop of its own; control work (HTTP,
 * signaling) runs on the extra loops, never on a worker's thread.
 */
public final class StandaloneNode {

    private static final int CONTROL_LOOPS = 2;

    private final ServerConfig config;
    private final Vertx vertx;
    private final Context control;
    private final BiFunction<Vertx, RoomRegistry, RoomAdmission> admission;
    private final List<MediaWorker> workers = new ArrayList<>();
    private HttpServer httpServer;
    private RoomRegistry rooms;

    private StandaloneNode(ServerConfig config, Vertx vertx, Context control,
                           BiFunction<Vertx, RoomRegistry, RoomAdmission> admission) {
        this.config = config;
        this.vertx = vertx;
        this.control = control;
        this.admission = admission;
    }

    /** A node alone: every room is its own. */
    public static Future<StandaloneNode> start(ServerConfig config) {
        return start(config, (vertx, rooms) -> RoomAdmission.local());
    }

    /** A node whose rooms {@code admission} (made once the registry exists) decides. */
    public static Future<StandaloneNode> start(ServerConfig config,
                                               BiFunction<Vertx, RoomRegistry, RoomAdmission> admission) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(config.workers() + CONTROL_LOOPS));
        // Taken first, from this non-Vert.x thread, so it is a loop of its own and never a worker's.
        Context control = vertx.getOrCreateContext();
        StandaloneNode node = new StandaloneNode(config, vertx, control, admission);
        return node.startWorkers()
                .compose(v -> node.startHttp())
                .map(v -> node)
                .recover(e -> node.close().transform(ignored -> Future.failedFuture(e)));
    }

    public ServerConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    public List<Worker> workers() {
        return workers.stream().map(MediaWorker::worker).toList();
    }

    public List<MediaWorker> mediaWorkers() {
        return List.copyOf(workers);
    }

    public RoomRegistry rooms() {
        return rooms;
    }

    /** The control context: the rooms' state lives there. */
    public Context control() {
        return control;
    }

    /** The bound HTTP port (differs from the configured one when that was 0). */
    public int httpPort() {
        return httpServer.actualPort();
    }

    /** Where clients reach this node's protoo endpoint: {@code ws(s)://announced-address:port/}. */
    public String announcedUrl() {
        String host = config.effectiveAnnouncedIp();
        return (config.tls() == null ? "ws" : "wss") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + httpPort() + "/";
    }

    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        workers.forEach(w -> closing.add(w.worker().close()));
        return VertxClose.after(Future.join(closing).mapEmpty(), vertx);
    }

    private Future<Void> startWorkers() {
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < config.workers(); i++) {
            int port = config.rtcPortOf(i);
            // Sequential deployment keeps the event-loop assignment one worker per loop.
            chain = chain.compose(v -> Worker.create(vertx, WorkerSettings.defaults()))
                    .compose(worker -> worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                                    TransportListenInfo.udp(config.host(), port).withAnnouncedAddress(config.announcedIp()),
                                    TransportListenInfo.tcp(config.host(), port).withAnnouncedAddress(config.announcedIp()))))
                            .recover(e -> worker.close().transform(x -> Future.failedFuture(new StartupException(
                                    "cannot listen on media port " + config.host() + ":" + port + " (udp/tcp): "
                                            + reason(e) + " (choose another --rtc-port)", e))))
                            .map(server -> {
                                workers.add(new MediaWorker(worker, server));
                                return null;
                            }));
        }
        return chain;
    }

    private static String reason(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Address already in use") ? "address already in use" : message;
    }

    private Future<Void> startHttp() {
        rooms = new RoomRegistry(workers, MediaCodecs.demoDefaults(), control, config.host(), config.announcedIp(),
                config.cluster().routerConsumerBudget());
        NodeInfo info = new NodeInfo(config.cluster().role().name().toLowerCase(Locale.ROOT), version(), workers.size(),
                System.currentTimeMillis());
        RoomGate gate = new RoomGate(rooms, admission.apply(vertx, rooms));
        HttpApi api = new HttpApi(gate, info);
        ProtooServerOptions protooOptions = ProtooServerOptions.defaults();
        ProtooWebSocketServer protoo = ProtooWebSocketServer.create(vertx, protooOptions, new RoomSignaling(gate));
        Promise<HttpServer> listening = Promise.promise();
        control.runOnContext(v -> vertx.createHttpServer(protooOptions.applyTo(HttpOptions.of(config)))
                // WebSocket upgrades are protoo (rejections carry their reason); everything else is HTTP.
                .requestHandler(protoo.requestHandler(api.router(vertx)))
                .listen(config.port(), config.host())
                .onComplete(listening));
        return listening.future()
                .<Void>map(server -> {
                    httpServer = server;
                    return null;
                })
                .recover(e -> Future.failedFuture(new StartupException("cannot listen on " + config.host() + ":"
                        + config.port() + ": " + reason(e) + " (is another Tributary running? choose another --port)", e)));
    }

    public static String version() {
        String v = StandaloneNode.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
