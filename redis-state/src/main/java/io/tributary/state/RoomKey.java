package io.tributary.state;

import java.util.Objects;

/** A room's cluster-wide name: rooms of different namespaces (tenants) never collide. */
public record RoomKey(String namespace, String roomId) {

    public static final String DEFAULT_NAMESPACE = "default";

    public RoomKey {
        Objects.requireNonNull(roomId, "roomId");
        namespace = namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
    }

    /** One string for keys and logs: {@code namespace/roomId}. */
    public String qualified() {
        return namespace + "/" + roomId;
    }
}
