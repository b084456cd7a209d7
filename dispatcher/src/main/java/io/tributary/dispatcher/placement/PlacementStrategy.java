package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the home node of a new room. {@code candidates} are already filtered (namespace pool,
 * region, serving, fresh); empty means no node can take the room.
 */
public interface PlacementStrategy {

    String name();

    Optional<NodeRecord> place(RoomKey room, List<NodeRecord> candidates);
}
