package io.tributary.bench.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A synthetic day of rooms. Arrivals are Poisson with a daily rhythm (rate {@code peak x (0.15 +
 * 0.85 sin^2(pi t / 24 h))}, highest at noon, drawn by thinning); on every hour from 08:00 to 18:00
 * a burst of 60 meetings starts within 15 s. Sizes are Pareto (alpha 1.7, 1 to 100 peers, half
 * the smallest node; mean about 3: most rooms are small, a few are huge); lifetimes are log-normal
 * (median 25 min, sigma 1, from 1 min to 8 h).
 */
final class Workload {

    static final int BURST_ROOMS = 60;
    static final long BURST_SPREAD_MS = 15_000;
    private static final double NIGHT_SHARE = 0.15;
    private static final double PARETO_ALPHA = 1.7;
    private static final double PARETO_MIN = 1.5;
    private static final int MAX_SIZE = 100;
    private static final double LIFETIME_MEDIAN_S = 1500;
    private static final double LIFETIME_SIGMA = 1.0;
    private static final long DAY_MS = 86_400_000;

    private Workload() {}

    static List<RoomPlan> generate(SimulationOptions options, Random random) {
        List<RoomPlan> rooms = new ArrayList<>();
        double peakPerMs = options.peakRate() / 60_000.0;
        long end = options.durationMs();
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / peakPerMs;
            if (t >= end) {
                break;
            }
            if (random.nextDouble() < rateShare((long) t)) {
                rooms.add(room("r" + rooms.size(), (long) t, random));
            }
        }
        for (long hour = 8; hour * 3_600_000 < end; hour += 24) {
            for (long h = hour; h <= hour + 10 && h * 3_600_000 < end; h++) {
                for (int i = 0; i < BURST_ROOMS; i++) {
                    long at = h * 3_600_000 + (long) (random.nextDouble() * BURST_SPREAD_MS);
                    rooms.add(room("b" + h + "-" + i, at, random));
                }
            }
        }
        rooms.sort(Comparator.comparingLong(RoomPlan::arrivalMs));
        return rooms;
    }

    private static double rateShare(long atMs) {
        double s = Math.sin(Math.PI * (atMs % DAY_MS) / DAY_MS);
        return NIGHT_SHARE + (1 - NIGHT_SHARE) * s * s;
    }

    private static RoomPlan room(String id, long at, Random random) {
        double pareto = PARETO_MIN / Math.pow(1 - random.nextDouble(), 1 / PARETO_ALPHA);
        int size = (int) Math.min(MAX_SIZE, Math.floor(pareto));
        double seconds = LIFETIME_MEDIAN_S * Math.exp(LIFETIME_SIGMA * random.nextGaussian());
        long lifetime = (long) (1000 * Math.max(60, Math.min(8 * 3600, seconds)));
        return new RoomPlan(id, at, size, lifetime);
    }
}
