package io.tributary.bench.placement;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The placement simulator: a synthetic day of rooms ({@link Workload}) on nodes of unequal
 * capacity that report every 2 s, go stale now and then, and come and go
 * ({@link ClusterChange}); every strategy meets the same day, and each prints one table row.
 * Deterministic for a seed, except decisions per second (wall clock).
 */
public final class PlacementSimulator {

    private PlacementSimulator() {}

    public static void main(String[] args) {
        SimulationOptions options;
        try {
            options = SimulationOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SimulationOptions.USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    static List<StrategyResult> run(SimulationOptions options, PrintStream out) {
        List<RoomPlan> workload = Workload.generate(options, new Random(options.seed()));
        List<ClusterChange> changes = ClusterChange.schedule(options);
        long peers = workload.stream().mapToLong(RoomPlan::size).sum();
        int largest = workload.stream().mapToInt(RoomPlan::size).max().orElse(0);
        out.printf(Locale.ROOT, "placement simulator: seed %d, %.1f h, %d nodes (%d peers of capacity, every 4th"
                        + " %.1fx hot), %d rooms, %d peers (largest room %d), peak %.0f rooms/min%n",
                options.seed(), options.hours(), options.nodes(), SimulationCluster.capacity(options.nodes()),
                SimulationCluster.HOT_COST, workload.size(), peers, largest, options.peakRate());
        out.println("cluster changes: " + (changes.isEmpty() ? "none"
                : String.join(", ", changes.stream().map(ClusterChange::label).toList())));
        out.println(StrategyResult.HEADER);
        out.println(StrategyResult.UNITS);
        warmUp(options);
        List<StrategyResult> results = new ArrayList<>();
        for (String name : options.strategies()) {
            StrategyResult result = new StrategyRun(options, name).run(workload, changes);
            results.add(result);
            out.println(result.row());
        }
        return results;
    }

    /**
     * One simulated hour of every strategy, discarded, so the first row's decisions per second is
     * not the JIT compiler's warm-up.
     */
    private static void warmUp(SimulationOptions options) {
        if (options.hours() <= 1) {
            return;
        }
        SimulationOptions hour = new SimulationOptions(options.seed(), 1, options.nodes(), options.peakRate(),
                options.strategies());
        List<RoomPlan> workload = Workload.generate(hour, new Random(hour.seed()));
        for (String name : hour.strategies()) {
            new StrategyRun(hour, name).run(workload, ClusterChange.schedule(hour));
        }
    }
}
