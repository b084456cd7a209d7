package io.tributary.worker.router;

import io.tributary.worker.Worker;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.events.Event;
import io.tributary.worker.events.EventEmitter;
import io.tributary.worker.ortc.Ortc;
import io.tributary.worker.ortc.RtpCapabilities;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's Router: a media room's switchboard on one worker. Its capabilities are computed once
 * from the configured media codecs; every entity under it lives on the worker's event loop.
 */
public final class Router {

    /** The router closed because its worker closed. */
    public static final Event<Void> WORKER_CLOSE = Event.signal("workerclose");
    /** Observer: the router closed, for any reason. */
    public static final Event<Void> CLOSE = Event.signal("close");

    private final String id;
    private final Worker worker;
    private final RtpCapabilities rtpCapabilities;
    private final EventEmitter events = new EventEmitter();
    private final EventEmitter observer = new EventEmitter();
    private final List<Runnable> closeHooks = new ArrayList<>();
    private volatile boolean closed;
    private Map<String, Object> appData;

    private Router(String id, Worker worker, RtpCapabilities rtpCapabilities, Map<String, Object> appData) {
        this.id = id;
        this.worker = worker;
        this.rtpCapabilities = rtpCapabilities;
        this.appData = new LinkedHashMap<>(appData);
    }

    /** Called by {@link Worker#createRouter} on the worker's loop; invalid codecs throw mediasoup's errors. */
    public static Router create(String id, Worker worker, RouterOptions options) {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(options.mediaCodecs());
        return new Router(id, worker, caps, options.appData());
    }

    public String id() {
        return id;
    }

    public Worker worker() {
        return worker;
    }

    public RtpCapabilities rtpCapabilities() {
        return rtpCapabilities;
    }

    public boolean closed() {
        return closed;
    }

    public Map<String, Object> appData() {
        return appData;
    }

    public void setAppData(Map<String, Object> appData) {
        this.appData = appData;
    }

    public EventEmitter events() {
        return events;
    }

    public EventEmitter observer() {
        return observer;
    }

    public Future<RouterDump> dump() {
        return worker.loop().call(() -> {
            assertOpen();
            return new RouterDump(id, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        });
    }

    /** Closes the router and everything in it; a no-op when already closed. */
    public void close() {
        worker.loop().execute(() -> {
            if (closed) {
                return;
            }
            closeInternal(null);
        });
    }

    /** The worker closed: mediasoup emits {@code workerclose} and then observer {@code close}. */
    public void workerClosed() {
        if (closed) {
            return;
        }
        closeInternal(WORKER_CLOSE);
    }

    /** For the owner (worker) to forget this router when it closes. */
    public void onClosed(Runnable hook) {
        closeHooks.add(hook);
    }

    /** Marks closed, runs the hooks, emits {@code reason} (if any) and then observer {@code close}. */
    private void closeInternal(Event<Void> reason) {
        closed = true;
        closeHooks.forEach(Runnable::run);
        if (reason != null) {
            events.emit(reason);
        }
        observer.emit(CLOSE);
    }

    private void assertOpen() {
        if (closed) {
            throw new InvalidStateError("Router closed");
        }
    }
}
