package io.tributary.pipe.link;

import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.vertx.core.Future;

/** Close hooks registered on the entity's own loop, so a close cannot slip between the check and the hook. */
final class Entities {

    private Entities() {
    }

    /** Runs {@code action} (on the loop) when {@code entity} closes, or now if it already has. */
    static Future<Void> onClose(WorkerLoop loop, MediaEntity entity, Runnable action) {
        return loop.call(() -> {
            whenClosed(entity, action);
            return null;
        });
    }

    /** The same, already on the entity's loop. */
    static void whenClosed(MediaEntity entity, Runnable action) {
        if (entity.closed()) {
            action.run();
        } else {
            entity.onClosed(action);
        }
    }
}
