package io.tributary.server.room;

import io.tributary.server.cluster.RoomAdmission;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;

/** The way into a room, from protoo or HTTP: admission first (is the room ours?), then the registry. */
public final class RoomGate {

    private final RoomRegistry rooms;
    private final RoomAdmission admission;

    public RoomGate(RoomRegistry rooms, RoomAdmission admission) {
        this.rooms = rooms;
        this.admission = admission;
    }

    public RoomRegistry rooms() {
        return rooms;
    }

    /** The room, created here if needed; fails as {@link RoomAdmission#admit} does when it is not ours. */
    public Future<Room> open(RoomKey key, String region, int consumerReplicas) {
        return admission.admit(key, region).compose(v -> rooms.getOrCreate(key, consumerReplicas));
    }
}
