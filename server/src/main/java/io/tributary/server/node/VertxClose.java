package io.tributary.server.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Closes a Vert.x instance last. The outcome goes to a promise bound to no context: a future chained on one of the
 * instance's own contexts would be completed on an event loop that is already gone, and never complete.
 */
public final class VertxClose {

    private VertxClose() {
    }

    /** Once {@code before} completed (either way), closes {@code vertx}. */
    public static Future<Void> after(Future<?> before, Vertx vertx) {
        Promise<Void> closed = Promise.promise();
        before.onComplete(ar -> vertx.close().onComplete(closed));
        return closed.future();
    }
}
