package io.tributary.pipe.link;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs a link's state calls to the other node one after another, so a pause and the resume right after
 * it cannot overtake each other on two HTTP connections. A failed call does not stop the ones after it.
 */
final class CallQueue {

    private Future<Void> tail = Future.succeededFuture();

    synchronized Future<Void> then(Supplier<Future<Void>> call) {
        Future<Void> next = tail.transform(previous -> call.get());
        tail = next.otherwiseEmpty();
        return next;
    }
}
