package io.tributary.bench.placement;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One strategy's figures over the run. Loads are real loads (peers x cost / capacity) sampled per
 * node every simulated minute. {@code moved} is, per cluster change, the share of live rooms whose
 * placement answer differs before and after the change (what re-resolving them would move).
 * {@code decisionsPerSecond} counts decisions (filters, ramp-up, strategy) per second of CPU.
 */
record StrategyResult(String strategy, int rooms, int refusedRooms, long joins, long rejectedJoins,
                      double peakLoad, double meanLoad, double p99Load, List<Moved> moved, double decisionsPerSecond) {

    /** Live rooms whose answer changed at one cluster change. */
    record Moved(String change, int rooms, int live) {

        double share() {
            return live == 0 ? 0 : (double) rooms / live;
        }
    }

    static final String HEADER = String.format(Locale.ROOT, "%-14s %7s %6s %6s %6s %9s %8s %10s  %-30s",
            "strategy", "rooms", "peak", "mean", "p99", "rejected", "refused", "decisions", "rooms moved per change");
    static final String UNITS = String.format(Locale.ROOT, "%-14s %7s %6s %6s %6s %9s %8s %10s  %-30s",
            "", "placed", "load", "load", "load", "joins", "rooms", "per CPU s", "(% of live rooms)");

    String row() {
        String movedText = moved.stream()
                .map(m -> String.format(Locale.ROOT, "%.0f", 100 * m.share()))
                .collect(Collectors.joining(" / "));
        return String.format(Locale.ROOT, "%-14s %7d %6.2f %6.2f %6.2f %9d %8d %10.0f  %s",
                strategy, rooms, peakLoad, meanLoad, p99Load, rejectedJoins, refusedRooms, decisionsPerSecond,
                movedText.isEmpty() ? "-" : movedText);
    }
}
