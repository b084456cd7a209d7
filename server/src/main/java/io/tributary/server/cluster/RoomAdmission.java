package io.tributary.server.cluster;

import io.tributary.state.RoomKey;
import io.vertx.core.Future;

/**
 * Whether this node may serve a room before it creates or joins it. Fails with {@link RoomElsewhereException} when
 * another node is the room's home, or with {@code NoCapacityException} when nobody can take it.
 */
@FunctionalInterface
public interface RoomAdmission {

    Future<Void> admit(RoomKey room, String region);

    /** A node alone: every room is served here. */
    static RoomAdmission local() {
        return (room, region) -> Future.succeededFuture();
    }
}
