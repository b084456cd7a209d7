package io.tributary.worker;

import io.tributary.worker.events.EventEmitter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every mediasoup entity (router, transport, producer, consumer, WebRtcServer) has: an id,
 * application data, public events, observer events, and a closed flag with hooks its owner uses to
 * forget it. State is touched on the owning worker's loop only.
 */
public abstract class MediaEntity {

    protected final EventEmitter events = new EventEmitter();
    protected final EventEmitter observer = new EventEmitter();
    private final String id;
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    private Map<String, Object> appData;
    private volatile boolean closed;

    protected MediaEntity(String id, Map<String, Object> appData) {
        this.id = id;
        this.appData = new LinkedHashMap<>(appData);
    }

    public final String id() {
        return id;
    }

    public final boolean closed() {
        return closed;
    }

    public final Map<String, Object> appData() {
        return appData;
    }

    public final void setAppData(Map<String, Object> appData) {
        this.appData = appData;
    }

    /** Public events ({@code transportclose}, {@code score}, ...). */
    public final EventEmitter events() {
        return events;
    }

    /** Observer events ({@code close}, {@code newproducer}, ...). */
    public final EventEmitter observer() {
        return observer;
    }

    /** For owners to forget this entity when it closes (any thread may add); hooks run on the worker loop. */
    public final void onClosed(Runnable hook) {
        closeHooks.add(hook);
    }

    protected final void markClosed() {
        closed = true;
    }

    /** Lets the owners forget this entity; call once, after {@link #markClosed()}. */
    protected final void runCloseHooks() {
        closeHooks.forEach(Runnable::run);
    }
}
