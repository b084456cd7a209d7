package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The seed paper's adaptive weights: weighted consistent hashing (ring points = capacity x a
 * per-node multiplier, 1 at first) whose multipliers are re-tuned from the observed loads by
 * simulated annealing ({@link WeightAnnealer}), so new rooms drift away from nodes that run hotter
 * than their declared capacity (slower CPUs, heavy rooms) before they fill. Tuning happens inside
 * {@link #place} once the {@link UpdatePeriod} has passed; the period shrinks while loads shift
 * and grows while they are stable. Placements are serialised (one lock): the work per call is a
 * ring lookup, and the occasional tuning is a few hundred O(n) steps.
 */
public final class AdaptiveWeights implements PlacementStrategy {

    /**
     * How far ahead the weights look: the peers arriving over 10 minutes (a fraction of a room's
     * life), so they aim at where the next many rooms should go rather than at filling today's
     * lightest node with everything.
     */
    private static final long HORIZON_MS = 600_000;

    /** Below this many peers a node's load says too little about its real capacity. */
    private static final int MIN_PEERS_FOR_ESTIMATE = 10;

    private record Seen(NodeRecord record, long atMs) {}

    private record Snapshot(double load, double peers) {}

    private final LongSupplier clockMs;
    private final int expectedRoomPeers;
    private final WeightAnnealer annealer;
    private final RingCache rings = new RingCache();
    private final Map<String, Double> multipliers = new HashMap<>();
    private final Map<String, Seen> seen = new HashMap<>();
    private Map<String, Snapshot> atLastTuning = Map.of();
    private long lastTuningMs;
    private boolean started;
    private long periodMs = UpdatePeriod.INITIAL_MS;
    private int placedSinceTuning;

    public AdaptiveWeights(LongSupplier clockMs, int expectedRoomPeers, Random random) {
        if (expectedRoomPeers < 1) {
            throw new IllegalArgumentException("expectedRoomPeers must be >= 1");
        }
        this.clockMs = clockMs;
        this.expectedRoomPeers = expectedRoomPeers;
        this.annealer = new WeightAnnealer(random);
    }

    @Override
    public String name() {
        return "adaptive";
    }

    @Override
    public synchronized Optional<NodeRecord> place(RoomKey room, List<NodeRecord> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        long now = clockMs.getAsLong();
        for (NodeRecord node : candidates) {
            seen.put(node.nodeId(), new Seen(node, now));
        }
        if (!started) {
            started = true;
            lastTuningMs = now;
            atLastTuning = snapshot();
        } else if (now - lastTuningMs >= periodMs) {
            retune(now);
        }
        placedSinceTuning++;
        return rings.walk(room, candidates,
                        node -> VirtualPoints.forCapacity(node.capacity(), multipliers.getOrDefault(node.nodeId(), 1.0)),
                        node -> true)
                .or(() -> new LeastLoaded().place(room, candidates));
    }

    /** The current weight multiplier of each node seen (1 = weighted by capacity alone). */
    public synchronized Map<String, Double> multipliers() {
        Map<String, Double> copy = new HashMap<>();
        seen.keySet().forEach(id -> copy.put(id, multipliers.getOrDefault(id, 1.0)));
        return copy;
    }

    public synchronized long updatePeriodMs() {
        return periodMs;
    }

    private void retune(long now) {
        seen.values().removeIf(s -> now - s.atMs() > 2 * UpdatePeriod.MAX_MS);
        multipliers.keySet().retainAll(seen.keySet());
        List<String> ids = new ArrayList<>(seen.keySet());
        ids.sort(null);
        List<WeightAnnealer.NodeView> views = new ArrayList<>(ids.size());
        double[] current = new double[ids.size()];
        double shift = 0;
        double growth = 0;
        for (int i = 0; i < ids.size(); i++) {
            NodeRecord node = seen.get(ids.get(i)).record();
            double load = NodeLoad.of(node);
            double capacity = Math.max(1, node.capacity());
            double effective = node.peers() >= MIN_PEERS_FOR_ESTIMATE && load > 0
                    ? Math.min(capacity, node.peers() / load) : capacity;
            views.add(new WeightAnnealer.NodeView(load, effective, (int) capacity));
            current[i] = multipliers.getOrDefault(ids.get(i), 1.0);
            Snapshot before = atLastTuning.getOrDefault(ids.get(i), new Snapshot(0, 0));
            shift = Math.max(shift, Math.abs(load - before.load()));
            growth += Math.max(0, NodeLoad.inPeers(node) - before.peers());
        }
        double elapsed = Math.max(1, now - lastTuningMs);
        periodMs = UpdatePeriod.next(periodMs, shift);
        double arrived = Math.max(growth, (double) placedSinceTuning * expectedRoomPeers);
        double demand = Math.max(expectedRoomPeers, arrived * HORIZON_MS / elapsed);
        double[] tuned = annealer.anneal(views, current, demand);
        for (int i = 0; i < ids.size(); i++) {
            multipliers.put(ids.get(i), tuned[i]);
        }
        atLastTuning = snapshot();
        lastTuningMs = now;
        placedSinceTuning = 0;
    }

    private Map<String, Snapshot> snapshot() {
        Map<String, Snapshot> loads = new HashMap<>();
        seen.forEach((id, s) -> loads.put(id, new Snapshot(NodeLoad.of(s.record()), NodeLoad.inPeers(s.record()))));
        return loads;
    }
}
