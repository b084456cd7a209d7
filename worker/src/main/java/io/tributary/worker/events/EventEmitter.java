package io.tributary.worker.events;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Listeners for an entity's events, mediasoup-style ({@code on}, {@code once}). Events fire on the
 * owning worker's thread; listeners may be added from any thread. A failing listener is logged and
 * never breaks the emitter or the other listeners, as mediasoup's {@code listenererror} guarantees.
 */
public final class EventEmitter {

    private static final System.Logger LOG = System.getLogger(EventEmitter.class.getName());

    private final Map<String, List<Consumer<Object>>> listeners = new ConcurrentHashMap<>();

    public <T> Subscription on(Event<T> event, Consumer<? super T> listener) {
        @SuppressWarnings("unchecked")
        Consumer<Object> untyped = payload -> listener.accept((T) payload);
        List<Consumer<Object>> list = listeners.computeIfAbsent(event.name(), k -> new CopyOnWriteArrayList<>());
        list.add(untyped);
        return () -> list.remove(untyped);
    }

    public <T> Subscription once(Event<T> event, Consumer<? super T> listener) {
        Subscription[] self = new Subscription[1];
        boolean[] fired = new boolean[1];
        self[0] = on(event, payload -> {
            if (!fired[0]) {
                fired[0] = true;
                self[0].cancel();
                listener.accept(payload);
            }
        });
        return self[0];
    }

    public <T> void emit(Event<T> event, T payload) {
        List<Consumer<Object>> list = listeners.get(event.name());
        if (list == null) {
            return;
        }
        for (Consumer<Object> listener : list) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "listener of '" + event.name() + "' failed", e);
            }
        }
    }

    public void emit(Event<Void> event) {
        emit(event, null);
    }

    public int listenerCount(Event<?> event) {
        List<Consumer<Object>> list = listeners.get(event.name());
        return list == null ? 0 : list.size();
    }

    public void removeAllListeners() {
        listeners.clear();
    }
}
