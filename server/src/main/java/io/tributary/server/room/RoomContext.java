package io.tributary.server.room;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The one control context a room's state lives on. Signaling callbacks and worker results hop here,
 * so the room needs no locks and never runs on a media worker's thread.
 */
final class RoomContext {

    private final Context context;

    RoomContext(Context context) {
        this.context = context;
    }

    void run(Runnable task) {
        if (Context.isOnEventLoopThread() && io.vertx.core.Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** Runs {@code task} after what is running now (e.g. after a request's answer went out). */
    void later(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** The same outcome, delivered on the room's context. */
    <T> Future<T> back(Future<T> future) {
        Promise<T> promise = Promise.promise();
        future.onComplete(result -> context.runOnContext(v -> promise.handle(result)));
        return promise.future();
    }
}
