package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.List;
import java.util.Optional;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam), weighted by capacity as
 * HAProxy's {@code hash-balance-factor} does it. The room key hashes onto a ring where each node
 * has points in proportion to its capacity; the walk goes clockwise and takes the first node that
 * stays within its bound after taking the room:
 *
 * <pre>  load_i + e  <=  e * ceil(c * (L + e) * capacity_i / (C * e))</pre>
 *
 * with loads counted in peers ({@link NodeLoad#inPeers}), {@code L} and {@code C} the candidates'
 * total load and capacity, {@code e} a new room's expected peers and {@code c = 1 + epsilon}. The
 * ceiling in room units lets an empty cluster take its first rooms; the sum of the bounds exceeds
 * the total, so some node always qualifies. A node change moves only the rooms next to its points,
 * plus the few a changed bound sends one node further along the ring.
 */
public final class BoundedLoadConsistentHashing implements PlacementStrategy {

    /** HAProxy's usual {@code hash-balance-factor 125}. */
    public static final double DEFAULT_EPSILON = 0.25;

    private final double c;
    private final int expectedRoomPeers;
    private final RingCache rings = new RingCache();

    /**
     * @param epsilon           how far above the capacity-weighted average a node may go ({@code c = 1 + epsilon}); infinity gives plain weighted consistent hashing
     * @param expectedRoomPeers peers a new room is expected to bring (its weight in the bound)
     */
    public BoundedLoadConsistentHashing(double epsilon, int expectedRoomPeers) {
        if (!(epsilon > 0) || expectedRoomPeers < 1) {
            throw new IllegalArgumentException("epsilon must be > 0 and expectedRoomPeers >= 1");
        }
        this.c = 1 + epsilon;
        this.expectedRoomPeers = expectedRoomPeers;
    }

    @Override
    public String name() {
        return Double.isInfinite(c) ? "plain-hash" : "bounded-hash";
    }

    @Override
    public Optional<NodeRecord> place(RoomKey room, List<NodeRecord> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        double totalLoad = expectedRoomPeers;
        long totalCapacity = 0;
        for (NodeRecord node : candidates) {
            totalLoad += NodeLoad.inPeers(node);
            totalCapacity += Math.max(0, node.capacity());
        }
        double perCapacity = totalCapacity == 0 ? 0 : c * totalLoad / totalCapacity;
        return rings.walk(room, candidates, node -> VirtualPoints.forCapacity(node.capacity(), 1.0),
                        node -> fits(node, perCapacity))
                .or(() -> new LeastLoaded().place(room, candidates));
    }

    /** The bound of {@code node}, in peers, when the candidates' bound per unit of capacity is {@code perCapacity}. */
    double bound(NodeRecord node, double perCapacity) {
        if (Double.isInfinite(perCapacity)) {
            return Double.POSITIVE_INFINITY;
        }
        return expectedRoomPeers * Math.ceil(perCapacity * node.capacity() / expectedRoomPeers - 1e-9);
    }

    private boolean fits(NodeRecord node, double perCapacity) {
        return NodeLoad.inPeers(node) + expectedRoomPeers <= bound(node, perCapacity) + 1e-9;
    }
}
