package io.tributary.server.node;

import io.tributary.protoo.ProtooServerOptions;
import io.tributary.protoo.ProtooWebSocketServer;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.http.HttpApi;
import io.tributary.server.http.NodeInfo;
import io.tributary.server.room.MediaCodecs;
import io.tributary.server.room.RoomRegistry;
import io.tributary.server.signaling.RoomSignaling;
import io.tributary.server.tls.SelfSignedTls;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.webrtc.WebRtcServerOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * One process, no Redis: media workers, the room registry and the HTTP/WebSocket front end.
 * Workers are deployed first so each takes an event loop of its own; control work (HTTP,
 * signaling) runs on the extra loops, never on a worker's thread.
 */
public final class StandaloneNode {

    private static final int CONTROL_LOOPS = 2;

    private final ServerConfig config;
    private final Vertx vertx;
    private final Context control;
    private final List<MediaWorker> workers = new ArrayList<>();
    private HttpServer httpServer;
    private RoomRegistry rooms;

    private StandaloneNode(ServerConfig config, Vertx vertx, Context control) {
        this.config = config;
        this.vertx = vertx;
        this.control = control;
    }

    public static Future<StandaloneNode> start(ServerConfig config) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(config.workers() + CONTROL_LOOPS));
        // Taken first, from this non-Vert.x thread, so it is a loop of its own and never a worker's.
        Context control = vertx.getOrCreateContext();
        StandaloneNode node = new StandaloneNode(config, vertx, control);
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

    /** The bound HTTP port (differs from the configured one when that was 0). */
    public int httpPort() {
        return httpServer.actualPort();
    }

    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        workers.forEach(w -> closing.add(w.worker().close()));
        return Future.join(closing).transform(v -> vertx.close());
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
        rooms = new RoomRegistry(workers, MediaCodecs.demoDefaults(), control, config.host(), config.announcedIp());
        NodeInfo info = new NodeInfo("standalone", version(), workers.size(), System.currentTimeMillis());
        HttpApi api = new HttpApi(rooms, info);
        ProtooServerOptions protooOptions = ProtooServerOptions.defaults();
        ProtooWebSocketServer protoo = ProtooWebSocketServer.create(vertx, protooOptions, new RoomSignaling(rooms));
        Promise<HttpServer> listening = Promise.promise();
        control.runOnContext(v -> vertx.createHttpServer(protooOptions.applyTo(httpOptions()))
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

    /** Plain HTTP, or HTTPS/WSS with the given PEM files or a certificate generated now. */
    private HttpServerOptions httpOptions() {
        HttpServerOptions options = new HttpServerOptions();
        ServerConfig.TlsConfig tls = config.tls();
        if (tls == null) {
            return options;
        }
        PemKeyCertOptions pem = new PemKeyCertOptions();
        if (tls.selfSigned()) {
            SelfSignedTls.Pem generated = SelfSignedTls.generate(java.util.Arrays.asList(config.host(), config.announcedIp()));
            pem.setCertValue(Buffer.buffer(generated.certificate())).setKeyValue(Buffer.buffer(generated.privateKey()));
        } else {
            pem.setCertPath(tls.certificateFile()).setKeyPath(tls.keyFile());
        }
        return options.setSsl(true).setKeyCertOptions(pem);
    }

    static String version() {
        String v = StandaloneNode.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
