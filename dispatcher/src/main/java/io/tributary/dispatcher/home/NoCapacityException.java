package io.tributary.dispatcher.home;

import io.tributary.state.RoomKey;

/** No live node can take a new room now; callers answer 503 with {@code Retry-After}. */
public final class NoCapacityException extends RuntimeException {

    private final int retryAfterSeconds;

    public NoCapacityException(RoomKey room, int retryAfterSeconds) {
        this("no node can take room " + room.qualified() + " now", retryAfterSeconds);
    }

    /** With placement's reason (which namespace, how many nodes draining, stale or full). */
    public NoCapacityException(String reason, int retryAfterSeconds) {
        super(reason, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
