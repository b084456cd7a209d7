package io.tributary.pipe.testing;

import io.tributary.pipe.PipeRouters;
import io.tributary.worker.router.Router;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A node's router lookup that holds every lookup until {@link #release()}: the node accepts no pair set
 * up by another node meanwhile, which lets a test choose the order in which crossing set-ups proceed.
 */
public final class HeldRouters implements PipeRouters {

    private final PipeRouters routers;
    private final Promise<Void> released = Promise.promise();

    public HeldRouters(PipeRouters routers) {
        this.routers = routers;
    }

    public void release() {
        released.tryComplete();
    }

    @Override
    public Future<Router> router(String routerKey) {
        return released.future().compose(v -> routers.router(routerKey));
    }

    @Override
    public String routerKey(Router router) {
        return routers.routerKey(router);
    }
}
