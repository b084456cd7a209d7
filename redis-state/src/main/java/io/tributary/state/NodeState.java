package io.tributary.state;

import com.fasterxml.jackson.annotation.JsonValue;

/** A node's lifecycle as the cluster sees it: serving takes new rooms, draining only keeps its own. */
public enum NodeState {
    SERVING("serving"),
    DRAINING("draining");

    private final String wire;

    NodeState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
