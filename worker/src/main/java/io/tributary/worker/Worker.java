package io.tributary.worker;

import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.events.Event;
import io.tributary.worker.events.EventEmitter;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.rtp.stream.PacketSlotPool;
import io.tributary.worker.transport.webrtc.WebRtcServer;
import io.tributary.worker.transport.webrtc.WebRtcServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * mediasoup's Worker, in process: a verticle bound to one event loop that owns its routers and
 * everything under them. Where mediasoup runs a C++ subprocess per core, Tributary runs one
 * event-loop thread per core.
 */
public final class Worker {

    /** Observer: a router was created. */
    public static final Event<Router> NEW_ROUTER = Event.of("newrouter", Router.class);
    /** Observer: a WebRtcServer was created. */
    public static final Event<WebRtcServer> NEW_WEBRTC_SERVER = Event.of("newwebrtcserver", WebRtcServer.class);
    /** Observer: the worker closed. */
    public static final Event<Void> CLOSE = Event.signal("close");

    private static final int PACKET_SLOTS_KEPT_IDLE = 4096;

    private final Vertx vertx;
    private volatile WorkerSettings settings;
    private final WorkerLoop loop;
    private final String deploymentId;
    private final EventEmitter observer = new EventEmitter();
    private final Map<String, Router> routers = new LinkedHashMap<>();
    private final Map<String, WebRtcServer> webRtcServers = new LinkedHashMap<>();
    private final DtlsCertificate dtlsCertificate;
    /** Retransmission-buffer slots, shared by all consumers of the worker (single-threaded, on its loop). */
    private final PacketSlotPool packetSlotPool = new PacketSlotPool(PACKET_SLOTS_KEPT_IDLE);
    private volatile boolean closed;
    private Map<String, Object> appData;

    private Worker(Vertx vertx, WorkerSettings settings, WorkerLoop loop, String deploymentId,
                   DtlsCertificate dtlsCertificate) {
        this.vertx = vertx;
        this.dtlsCertificate = dtlsCertificate;
        this.settings = settings;
        this.loop = loop;
        this.deploymentId = deploymentId;
        this.appData = new LinkedHashMap<>(settings.appData());
    }

    /** Starts a worker on its own event loop of {@code vertx}; fails with {@code TypeError} on bad settings. */
    public static Future<Worker> create(Vertx vertx, WorkerSettings settings) {
        try {
            settings.validate();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        WorkerVerticle verticle = new WorkerVerticle();
        return vertx.executeBlocking(() -> certificateFor(settings))
                .compose(certificate -> vertx.deployVerticle(verticle)
                        .map(id -> new Worker(vertx, settings, verticle.loop, id, certificate)));
    }

    /** The PEM files when given, else a fresh self-signed ECDSA certificate, as mediasoup's worker. */
    private static DtlsCertificate certificateFor(WorkerSettings settings) {
        if (settings.dtlsCertificateFile() != null) {
            return DtlsCertificate.fromPemFiles(Path.of(settings.dtlsCertificateFile()),
                    Path.of(settings.dtlsPrivateKeyFile()));
        }
        return DtlsCertificate.generate();
    }

    public Vertx vertx() {
        return vertx;
    }

    public WorkerLoop loop() {
        return loop;
    }

    public WorkerSettings settings() {
        return settings;
    }

    /** The process id: workers live in the node's own process. */
    public long pid() {
        return ProcessHandle.current().pid();
    }

    public boolean closed() {
        return closed;
    }

    /** Always false: an in-process worker cannot die apart from its node. */
    public boolean died() {
        return false;
    }

    public Map<String, Object> appData() {
        return appData;
    }

    public void setAppData(Map<String, Object> appData) {
        this.appData = appData;
    }

    public EventEmitter observer() {
        return observer;
    }

    public PacketSlotPool packetSlotPool() {
        return packetSlotPool;
    }

    /** The DTLS identity all this worker's transports present. */
    public DtlsCertificate dtlsCertificate() {
        return dtlsCertificate;
    }

    public Future<WebRtcServer> createWebRtcServer(WebRtcServerOptions options) {
        return loop.compose(() -> {
            assertOpen();
            return WebRtcServer.create(UUID.randomUUID().toString(), this, options).map(server -> {
                webRtcServers.put(server.id(), server);
                server.onClosed(() -> webRtcServers.remove(server.id()));
                observer.emit(NEW_WEBRTC_SERVER, server);
                return server;
            });
        });
    }

    public Future<Router> createRouter(RouterOptions options) {
        return loop.call(() -> {
            assertOpen();
            Router router = Router.create(UUID.randomUUID().toString(), this, options);
            routers.put(router.id(), router);
            router.onClosed(() -> routers.remove(router.id()));
            observer.emit(NEW_ROUTER, router);
            return router;
        });
    }

    /**
     * mediasoup's {@code updateSettings({logLevel, logTags})}: null keeps the current value; a bad
     * level or tag is a {@link io.tributary.worker.errors.TypeError} and changes nothing.
     */
    public Future<Void> updateSettings(String logLevel, List<String> logTags) {
        return loop.call(() -> {
            assertOpen();
            WorkerSettings updated = settings.withLogging(
                    logLevel == null ? settings.logLevel() : logLevel, logTags == null ? settings.logTags() : logTags);
            updated.validate();
            settings = updated;
            return null;
        });
    }

    /** Whether any router of this worker has a producer with this id; on the worker's loop. */
    public boolean hasProducer(String producerId) {
        for (Router router : routers.values()) {
            if (router.hasProducer(producerId)) {
                return true;
            }
        }
        return false;
    }

    /** mediasoup's {@code dump()} shape: each WebRtcServer and router is also a channel request handler. */
    public Future<WorkerDump> dump() {
        return loop.call(() -> {
            assertOpen();
            List<String> serverIds = List.copyOf(webRtcServers.keySet());
            List<String> routerIds = List.copyOf(routers.keySet());
            List<String> handlers = new ArrayList<>(serverIds);
            handlers.addAll(routerIds);
            return new WorkerDump(pid(), serverIds, routerIds,
                    new WorkerDump.ChannelMessageHandlers(List.copyOf(handlers), List.of()));
        });
    }

    public Future<WorkerResourceUsage> getResourceUsage() {
        return loop.call(() -> {
            assertOpen();
            return WorkerResourceUsage.of(loop.thread());
        });
    }

    /** Closes every router (each emits {@code workerclose}), then stops the event-loop verticle. */
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        return loop.call(() -> {
            if (closed) {
                return null;
            }
            closed = true;
            for (Router router : List.copyOf(routers.values())) {
                router.workerClosed();
            }
            routers.clear();
            for (WebRtcServer server : List.copyOf(webRtcServers.values())) {
                server.workerClosed();
            }
            observer.emit(CLOSE);
            return null;
        }).compose(v -> vertx.undeploy(deploymentId).recover(e -> Future.succeededFuture()));
    }

    private void assertOpen() {
        if (closed) {
            throw new InvalidStateError("Worker closed");
        }
    }

    /** Gives the worker its own event-loop context. */
    private static final class WorkerVerticle extends VerticleBase {
        private WorkerLoop loop;

        @Override
        public Future<?> start() {
            loop = new WorkerLoop(context);
            Promise<Void> ready = Promise.promise();
            context.runOnContext(v -> ready.complete());
            return ready.future();
        }
    }
}
