package io.tributary.pipe;

import io.tributary.worker.router.Router;
import io.vertx.core.Future;
import java.util.Map;

/**
 * How router-pipe finds this node's routers, implemented by the application (in Tributary a router key
 * is "namespace/roomId"), so pipes know nothing of rooms.
 */
public interface PipeRouters {

    /** The router known as {@code routerKey}; a failed Future or null when there is none. */
    Future<Router> router(String routerKey);

    /**
     * The key {@code router} is known by, sent along when this node sets up a pair, so the other node
     * can pipe back through the same pair; null if it has none.
     */
    String routerKey(Router router);

    /** A fixed set of routers, for tests and tools. */
    static PipeRouters of(Map<String, Router> routers) {
        Map<String, Router> copy = Map.copyOf(routers);
        return new PipeRouters() {
            @Override
            public Future<Router> router(String routerKey) {
                return Future.succeededFuture(copy.get(routerKey));
            }

            @Override
            public String routerKey(Router router) {
                return copy.entrySet().stream().filter(e -> e.getValue() == router).map(Map.Entry::getKey)
                        .findFirst().orElse(null);
            }
        };
    }
}
