package io.tributary.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/** A cluster-wide notice carried over pub/sub; {@code room} is null for node events. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterEvent(Type type, String nodeId, RoomKey room) {

    public enum Type {
        NODE_UP("node-up"),
        NODE_DOWN("node-down"),
        NODE_DRAINING("node-draining"),
        ROOM_CLOSED("room-closed");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
