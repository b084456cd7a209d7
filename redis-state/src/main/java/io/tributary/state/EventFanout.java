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

    private static final System.Logger LOG = System.getLogger(EventFanout.class.getName());

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
                deliverTo(s.handler(), event);
            } else {
                s.context().runOnContext(v -> deliverTo(s.handler(), event));
            }
        }
    }

    /** One failing handler must not keep the event from the others, nor fail the publisher. */
    private static void deliverTo(Consumer<ClusterEvent> handler, ClusterEvent event) {
        try {
            handler.accept(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a cluster event handler failed on " + event, e);
        }
    }

    public void clear() {
        subscribers.clear();
    }
}
