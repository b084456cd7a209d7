package io.tributary.bench.placement;

import io.tributary.dispatcher.placement.PlacementStrategies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The placement simulator's flags.
 *
 * @param seed        drives the workload, node hiccups and the strategies' randomness
 * @param hours       simulated time
 * @param nodes       nodes at the start (capacities cycle 200, 400, 800 peers; every 4th runs 1.4x hot)
 * @param peakRate    new rooms per minute at the daily peak (noon); the night is 15 % of it
 * @param strategies  the strategies to run, each on the same workload; "plain-hash" is the unbounded baseline
 */
record SimulationOptions(long seed, double hours, int nodes, double peakRate, List<String> strategies) {

    static final String BASELINE = "plain-hash";

    static final String USAGE = """
            usage: PlacementSimulator [--seed N] [--hours H] [--nodes N] [--rate R] [--strategies a,b,...]
              --seed N          workload and strategy seed (default 42)
              --hours H         simulated hours, at most 168 (default 24)
              --nodes N         nodes at the start, 3..200 (default 12)
              --rate R          new rooms per minute at the daily peak (default 29)
              --strategies LIST comma-separated (default bounded-hash,two-choices,least-loaded,adaptive,plain-hash)
            """;

    SimulationOptions {
        strategies = List.copyOf(strategies);
        if (!(hours > 0 && hours <= 168) || nodes < 3 || nodes > 200 || !(peakRate > 0 && peakRate <= 10_000)
                || strategies.isEmpty()) {
            throw new IllegalArgumentException("out of range: " + this);
        }
        for (String name : strategies) {
            if (!name.equals(BASELINE) && !PlacementStrategies.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown strategy " + name + "; known: "
                        + String.join(", ", PlacementStrategies.NAMES) + ", " + BASELINE);
            }
        }
    }

    static SimulationOptions defaults() {
        List<String> all = new ArrayList<>(PlacementStrategies.NAMES);
        all.add(BASELINE);
        return new SimulationOptions(42, 24, 12, 29, all);
    }

    static SimulationOptions parse(String... args) {
        SimulationOptions o = defaults();
        long seed = o.seed;
        double hours = o.hours;
        int nodes = o.nodes;
        double rate = o.peakRate;
        List<String> strategies = o.strategies;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--seed" -> seed = Long.parseLong(value);
                case "--hours" -> hours = Double.parseDouble(value);
                case "--nodes" -> nodes = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--strategies" -> strategies = Arrays.stream(value.split(",")).map(String::trim).toList();
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        return new SimulationOptions(seed, hours, nodes, rate, strategies);
    }

    long durationMs() {
        return (long) (hours * 3_600_000);
    }
}
