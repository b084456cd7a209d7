package io.tributary.dispatcher.placement;

import java.time.Duration;

/**
 * The placement pipeline's knobs.
 *
 * @param staleAfter        a node record older than this is ignored (3 missed 2 s heartbeats; LiveKit uses 5 s)
 * @param loadLimit         a node at or above this corrected load takes no new room (1 = full)
 * @param expectedRoomPeers peers a new room is assumed to bring until its node reports them
 * @param retryAfter        what a refusal suggests to the client: long enough for fresh reports
 */
public record PlacementSettings(Duration staleAfter, double loadLimit, int expectedRoomPeers, Duration retryAfter) {

    public PlacementSettings {
        if (staleAfter.isNegative() || staleAfter.isZero() || !(loadLimit > 0) || expectedRoomPeers < 1
                || retryAfter.isNegative()) {
            throw new IllegalArgumentException("invalid placement settings");
        }
    }

    public static PlacementSettings defaults() {
        return new PlacementSettings(Duration.ofSeconds(6), 1.0, 4, Duration.ofSeconds(5));
    }
}
