package io.tributary.worker;

import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.events.Event;
import io.tributary.worker.events.EventEmitter;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
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
    /** Observer: the worker closed. */
    public static final Event<Void> CLOSE = Event.signal("close");

    private final Vertx vertx;
    private final WorkerSettings settings;
    private final WorkerLoop loop;
    private final String deploymentId;
    private final EventEmitter observer = new EventEmitter();
    private final Map<String, Router> routers = new LinkedHashMap<>();
    private volatile boolean closed;
    private Map<String, Object> appData;

    private Worker(Vertx vertx, WorkerSettings settings, WorkerLoop loop, String deploymentId) {
        this.vertx = vertx;
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
        return vertx.deployVerticle(verticle)
                .map(id -> new Worker(vertx, settings, verticle.loop, id));
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

    /** mediasoup's {@code dump()} shape: each router is also a channel request handler. */
    public Future<WorkerDump> dump() {
        return loop.call(() -> {
            assertOpen();
            List<String> routerIds = List.copyOf(routers.keySet());
            return new WorkerDump(pid(), List.of(), routerIds,
                    new WorkerDump.ChannelMessageHandlers(routerIds, List.of()));
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
