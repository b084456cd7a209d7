package io.tributary.state;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The local subscribers of a {@link ClusterState}: each handler runs on the Vert.x context it
 * subscribed from (or on the delivering thread when it subscribed from outside Vert.x).
 */
public final class EventFanout {

    private record Subscriber(Consumer<ClusterEvent> handler, Context context) {}

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public ClusterState.Subscription add(Consumer<ClusterEvent> handler) {
        Subscriber subscriber = new Subscriber(handler, Vertx.currentContext());
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void deliver(ClusterEvent event) {
        for (Subscriber s : subscribers) {
            if (s.context() == null) {
                s.handler().accept(event);
            } else {
                s.context().runOnContext(v -> s.handler().accept(event));
            }
        }
    }

    public void clear() {
        subscribers.clear();
    }
}
