package io.tributary.dispatcher.placement;

import io.tributary.dispatcher.region.RegionDistances;
import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Chooses the home node of a new room: filters the live records (namespace pool, draining, stale,
 * full after the ramp-up correction), keeps the joiner's region or the nearest other region that
 * has a node left, asks the strategy, and charges the choice to the node until it reports again.
 * Answers at once, never waits: a room no node can take gets {@link PlacementDecision.NoCapacity}.
 * Thread-safe when its strategy is (all of {@link PlacementStrategies} are).
 */
public final class Placement {

    private final PlacementStrategy strategy;
    private final PlacementSettings settings;
    private final NamespacePools pools;
    private final RegionDistances regions;
    private final LongSupplier clockMs;
    private final RampUp rampUp;

    public Placement(PlacementStrategy strategy, PlacementSettings settings, NamespacePools pools,
                     RegionDistances regions, LongSupplier clockMs) {
        this.strategy = strategy;
        this.settings = settings;
        this.pools = pools;
        this.regions = regions;
        this.clockMs = clockMs;
        this.rampUp = new RampUp(clockMs, settings.staleAfter().toMillis());
    }

    public PlacementStrategy strategy() {
        return strategy;
    }

    /**
     * @param nodes        every live node record (as read from the cluster state)
     * @param joinerRegion the first joiner's region, null for no preference
     */
    public PlacementDecision place(RoomKey room, String joinerRegion, List<NodeRecord> nodes) {
        Eligible eligible = eligible(room.namespace(), nodes);
        List<NodeRecord> candidates = regions.nearest(joinerRegion, eligible.nodes());
        Optional<NodeRecord> chosen = strategy.place(room, candidates);
        if (chosen.isEmpty()) {
            return new PlacementDecision.NoCapacity(eligible.refusal(room), settings.retryAfter());
        }
        String id = chosen.get().nodeId();
        rampUp.placed(id, settings.expectedRoomPeers());
        NodeRecord reported = nodes.stream().filter(n -> n.nodeId().equals(id)).findFirst().orElseThrow();
        boolean outside = joinerRegion != null && !joinerRegion.isBlank() && !joinerRegion.equals(reported.region());
        return new PlacementDecision.Placed(reported, outside);
    }

    /**
     * The nodes the strategy would choose from for a room of {@code room}'s namespace and this
     * joiner region, with their ramp-up corrected loads; changes nothing.
     */
    public List<NodeRecord> candidates(RoomKey room, String joinerRegion, List<NodeRecord> nodes) {
        return regions.nearest(joinerRegion, eligible(room.namespace(), nodes).nodes());
    }

    private Eligible eligible(String namespace, List<NodeRecord> nodes) {
        long now = clockMs.getAsLong();
        long staleAfter = settings.staleAfter().toMillis();
        List<NodeRecord> fresh = new ArrayList<>(nodes.size());
        int inPool = 0;
        int draining = 0;
        int stale = 0;
        for (NodeRecord node : nodes) {
            if (!pools.admits(node, namespace)) {
                continue;
            }
            inPool++;
            if (!node.serving()) {
                draining++;
            } else if (now - node.updatedAt() > staleAfter) {
                stale++;
            } else {
                fresh.add(node);
            }
        }
        List<NodeRecord> open = new ArrayList<>(fresh.size());
        for (NodeRecord node : rampUp.corrected(fresh)) {
            if (NodeLoad.of(node) < settings.loadLimit()) {
                open.add(node);
            }
        }
        return new Eligible(open, inPool, draining, stale, fresh.size() - open.size());
    }

    private record Eligible(List<NodeRecord> nodes, int inPool, int draining, int stale, int full) {

        String refusal(RoomKey room) {
            if (inPool == 0) {
                return "no node serves namespace '" + room.namespace() + "'";
            }
            return "no node can take room " + room.qualified() + ": " + inPool + " in its pool, "
                    + draining + " draining, " + stale + " stale, " + full + " full";
        }
    }
}
