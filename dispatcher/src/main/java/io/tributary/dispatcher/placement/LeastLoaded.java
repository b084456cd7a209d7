package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The node with the lowest {@link NodeLoad}; ties go to the lower node id, so choices are
 * repeatable. Herds a burst onto one node when reports lag, unless the ramp-up correction
 * ({@link RampUp}) charges each placement before the next report.
 */
public final class LeastLoaded implements PlacementStrategy {

    @Override
    public String name() {
        return "least-loaded";
    }

    @Override
    public Optional<NodeRecord> place(RoomKey room, List<NodeRecord> candidates) {
        return candidates.stream()
                .min(Comparator.comparingDouble(NodeLoad::of).thenComparing(NodeRecord::nodeId));
    }
}
