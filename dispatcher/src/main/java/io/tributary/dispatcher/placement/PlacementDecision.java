package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import java.time.Duration;

/** What the placement pipeline answers for a new room: a home node, or a refusal to pass on at once. */
public sealed interface PlacementDecision {

    /** The room's home. {@code outsideJoinerRegion}: no node of the joiner's region could take it. */
    record Placed(NodeRecord node, boolean outsideJoinerRegion) implements PlacementDecision {}

    /** No node can take the room now; the front answers HTTP 503 with Retry-After, or a protoo error. */
    record NoCapacity(String reason, Duration retryAfter) implements PlacementDecision {

        /** Retry-After in whole seconds, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
