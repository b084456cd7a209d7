package io.tributary.bench.placement;

import io.tributary.dispatcher.placement.BoundedLoadConsistentHashing;
import io.tributary.dispatcher.placement.NamespacePools;
import io.tributary.dispatcher.placement.Placement;
import io.tributary.dispatcher.placement.PlacementDecision;
import io.tributary.dispatcher.placement.PlacementSettings;
import io.tributary.dispatcher.placement.PlacementStrategies;
import io.tributary.dispatcher.placement.PlacementStrategy;
import io.tributary.dispatcher.region.RegionDistances;
import io.tributary.state.NodeRecord;
import io.tributary.state.NodeState;
import io.tributary.state.RoomKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * One strategy through the simulated day, event by event on a simulated clock. The dispatcher
 * sees only what nodes wrote to the registry (every 2 s, and nothing while a node hiccups for
 * 15 s about every 6 h, so it goes stale); it decides with the production {@link Placement}
 * pipeline (filters, ramp-up correction, strategy). Peers of a room arrive 2 s apart and get in
 * while their node's real load allows; a room's node is fixed unless its node is removed.
 */
final class StrategyRun {

    static final long REPORT_MS = 2_000;
    static final long JOIN_GAP_MS = 2_000;
    static final long SAMPLE_MS = 60_000;
    static final long HICCUP_MS = 15_000;
    static final double HICCUP_MEAN_GAP_MS = 6 * 3_600_000.0;
    static final int EXPECTED_ROOM_PEERS = 4;

    /** Decisions are timed in this thread's CPU time: on a shared machine wall time is mostly other work. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private record Event(long atMs, long seq, Runnable action) {}

    private final SimulationOptions options;
    private final PlacementStrategy strategy;
    private final Placement placement;
    private final PriorityQueue<Event> events =
            new PriorityQueue<>(Comparator.comparingLong(Event::atMs).thenComparingLong(Event::seq));
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    private final Map<String, NodeRecord> registry = new LinkedHashMap<>();
    private final Map<String, SimRoom> live = new HashMap<>();
    private final List<StrategyResult.Moved> moved = new ArrayList<>();
    private double[] samples = new double[1024];
    private int sampleCount;
    private long now;
    private long seq;
    private int placedRooms;
    private int refusedRooms;
    private long joins;
    private long rejectedJoins;
    private long decisions;
    private long decisionNanos;

    StrategyRun(SimulationOptions options, String strategyName) {
        this.options = options;
        this.strategy = strategyName.equals(SimulationOptions.BASELINE)
                ? new BoundedLoadConsistentHashing(Double.POSITIVE_INFINITY, EXPECTED_ROOM_PEERS)
                : PlacementStrategies.byName(strategyName, () -> now, new Random(options.seed()), EXPECTED_ROOM_PEERS);
        this.placement = new Placement(strategy, PlacementSettings.defaults(), NamespacePools.none(),
                RegionDistances.none(), () -> now);
    }

    StrategyResult run(List<RoomPlan> workload, List<ClusterChange> changes) {
        SimulationCluster.initial(options.nodes()).forEach(this::start);
        workload.forEach(plan -> at(plan.arrivalMs(), () -> arrive(new SimRoom(plan))));
        changes.forEach(change -> at(change.atMs(), () -> apply(change)));
        at(0, this::sample);
        while (!events.isEmpty() && events.peek().atMs() < options.durationMs()) {
            Event event = events.poll();
            now = event.atMs();
            event.action().run();
        }
        double[] sorted = Arrays.copyOf(samples, sampleCount);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        double p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.99 * sorted.length) - 1)];
        double peak = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        double perSecond = decisionNanos == 0 ? 0 : decisions * 1e9 / decisionNanos;
        return new StrategyResult(strategy.name(), placedRooms, refusedRooms, joins, rejectedJoins, peak, mean, p99,
                List.copyOf(moved), perSecond);
    }

    private void at(long atMs, Runnable action) {
        events.add(new Event(atMs, seq++, action));
    }

    private void start(SimNode node) {
        nodes.put(node.id, node);
        report(node);
        Random hiccups = new Random(options.seed() * 31 + node.id.hashCode());
        scheduleHiccup(node, hiccups);
    }

    private void report(SimNode node) {
        if (nodes.get(node.id) != node) {
            return;
        }
        if (now >= node.silentUntilMs) {
            registry.put(node.id, node.report(now));
        }
        at(now + REPORT_MS, () -> report(node));
    }

    private void scheduleHiccup(SimNode node, Random random) {
        long gap = (long) (-Math.log(1 - random.nextDouble()) * HICCUP_MEAN_GAP_MS);
        at(now + gap, () -> {
            node.silentUntilMs = now + HICCUP_MS;
            scheduleHiccup(node, random);
        });
    }

    private void sample() {
        for (SimNode node : nodes.values()) {
            if (sampleCount == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[sampleCount++] = node.load();
        }
        at(now + SAMPLE_MS, this::sample);
    }

    private Optional<SimNode> decide(RoomKey room) {
        List<NodeRecord> view = new ArrayList<>(registry.values());
        long start = CPU.getCurrentThreadCpuTime();
        PlacementDecision decision = placement.place(room, null, view);
        decisionNanos += CPU.getCurrentThreadCpuTime() - start;
        decisions++;
        return decision instanceof PlacementDecision.Placed placed
                ? Optional.of(nodes.get(placed.node().nodeId())) : Optional.empty();
    }

    private void arrive(SimRoom room) {
        Optional<SimNode> home = decide(room.key);
        if (home.isEmpty()) {
            refusedRooms++;
            joins += room.plan.size();
            rejectedJoins += room.plan.size();
            return;
        }
        placedRooms++;
        room.home = home.get();
        room.home.rooms++;
        live.put(room.plan.roomId(), room);
        join(room);
        at(now + room.plan.lifetimeMs(), () -> end(room));
    }

    private void join(SimRoom room) {
        if (live.get(room.plan.roomId()) != room) {
            return;
        }
        room.arrived++;
        joins++;
        admit(room);
        if (room.arrived < room.plan.size()) {
            at(now + JOIN_GAP_MS, () -> join(room));
        }
    }

    private void admit(SimRoom room) {
        if (room.home.admitsPeer()) {
            room.home.peers++;
            room.admitted++;
        } else {
            rejectedJoins++;
        }
    }

    private void end(SimRoom room) {
        if (live.remove(room.plan.roomId()) == room) {
            room.home.peers -= room.admitted;
            room.home.rooms--;
        }
    }

    private void apply(ClusterChange change) {
        List<NodeRecord> before = new ArrayList<>(registry.values());
        SimNode node = nodes.get(change.nodeId());
        switch (change.kind()) {
            case ADD -> start(new SimNode(change.nodeId(), change.capacity(), 1.0));
            case REMOVE -> {
                nodes.remove(change.nodeId());
                registry.remove(change.nodeId());
            }
            case DRAIN -> {
                node.state = NodeState.DRAINING;
                registry.put(node.id, node.report(now));
            }
        }
        List<NodeRecord> after = new ArrayList<>(registry.values());
        moved.add(new StrategyResult.Moved(change.label(), answersChanged(before, after), live.size()));
        if (change.kind() == ClusterChange.Kind.REMOVE) {
            rehome(node);
        }
    }

    /** Live rooms whose placement answer differs between the two registry views. */
    private int answersChanged(List<NodeRecord> before, List<NodeRecord> after) {
        int changed = 0;
        for (SimRoom room : sortedLiveRooms()) {
            Optional<NodeRecord> a = strategy.place(room.key, placement.candidates(room.key, null, before));
            Optional<NodeRecord> b = strategy.place(room.key, placement.candidates(room.key, null, after));
            if (!a.map(NodeRecord::nodeId).equals(b.map(NodeRecord::nodeId))) {
                changed++;
            }
        }
        return changed;
    }

    /** A removed node's rooms go through placement again, and their peers rejoin the new home. */
    private void rehome(SimNode gone) {
        for (SimRoom room : sortedLiveRooms()) {
            if (room.home != gone) {
                continue;
            }
            int peers = room.admitted;
            Optional<SimNode> home = decide(room.key);
            if (home.isEmpty()) {
                live.remove(room.plan.roomId());
                rejectedJoins += peers;
                continue;
            }
            room.home = home.get();
            room.home.rooms++;
            room.admitted = 0;
            for (int i = 0; i < peers; i++) {
                joins++;
                admit(room);
            }
        }
    }

    private List<SimRoom> sortedLiveRooms() {
        return live.values().stream().sorted(Comparator.comparing(r -> r.plan.roomId())).toList();
    }
}
