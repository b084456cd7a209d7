package io.tributary.dispatcher.placement;

/**
 * How many ring points a node gets: 1.6 per peer of capacity (nginx's 160 points per weight unit,
 * with a unit of 100 peers), at least 40 so a small node's share is not left to luck, and at most
 * 4000 so a ring of big nodes stays cheap to build; then scaled by an adaptive multiplier.
 */
final class VirtualPoints {

    static final double PER_PEER = 1.6;
    static final int MIN_BASE = 40;
    static final int MAX_BASE = 4000;

    private VirtualPoints() {}

    static int forCapacity(int capacity, double multiplier) {
        if (capacity <= 0 || multiplier <= 0) {
            return 0;
        }
        double base = Math.max(MIN_BASE, Math.min(MAX_BASE, capacity * PER_PEER));
        return Math.max(1, (int) Math.round(base * multiplier));
    }
}
