package io.tributary.dispatcher.placement;

import java.util.List;
import java.util.Random;

/**
 * Simulated annealing over the nodes' weight multipliers (weight = capacity x multiplier). The
 * cost predicts each node's load after the next period if {@code demand} peers arrive and split by
 * weight, each costing {@code 1 / effectiveCapacity} of its node, and adds the peak to the mean:
 * the peak is what rejects joins, the mean is the cluster's total load, which drops when rooms go
 * where peers are cheap. New weights are kept only when they lower the cost by at least 1 %, so
 * the ring (and the rooms it maps) does not churn on noise.
 */
final class WeightAnnealer {

    /** A node as the annealer sees it: its load now (0..1) and the peers it could hold at load 1. */
    record NodeView(double load, double effectiveCapacity, int capacity) {}

    static final double MIN_MULTIPLIER = 0.1;
    static final double MAX_MULTIPLIER = 4.0;
    private static final int STEPS = 400;
    private static final double COOLING = 0.985;
    private static final double STEP_SIGMA = 0.25;
    private static final double MIN_GAIN = 0.01;

    private final Random random;

    WeightAnnealer(Random random) {
        this.random = random;
    }

    double[] anneal(List<NodeView> nodes, double[] multipliers, double demand) {
        double start = cost(nodes, multipliers, demand);
        double[] current = multipliers.clone();
        double currentCost = start;
        double[] best = current.clone();
        double bestCost = start;
        double temperature = Math.max(1e-4, 0.05 * start);
        for (int step = 0; step < STEPS; step++) {
            int j = random.nextInt(current.length);
            double old = current[j];
            current[j] = clamp(old * Math.exp(random.nextGaussian() * STEP_SIGMA));
            double candidate = cost(nodes, current, demand);
            if (candidate <= currentCost || random.nextDouble() < Math.exp((currentCost - candidate) / temperature)) {
                currentCost = candidate;
                if (candidate < bestCost) {
                    bestCost = candidate;
                    best = current.clone();
                }
            } else {
                current[j] = old;
            }
            temperature *= COOLING;
        }
        return bestCost < start * (1 - MIN_GAIN) ? best : multipliers;
    }

    static double cost(List<NodeView> nodes, double[] multipliers, double demand) {
        double totalWeight = 0;
        for (int i = 0; i < nodes.size(); i++) {
            totalWeight += nodes.get(i).capacity() * multipliers[i];
        }
        double peak = 0;
        double sum = 0;
        for (int i = 0; i < nodes.size(); i++) {
            NodeView node = nodes.get(i);
            double share = totalWeight <= 0 ? 0 : node.capacity() * multipliers[i] / totalWeight;
            double predicted = node.load() + demand * share / node.effectiveCapacity();
            peak = Math.max(peak, predicted);
            sum += predicted;
        }
        return peak + sum / nodes.size();
    }

    private static double clamp(double multiplier) {
        return Math.max(MIN_MULTIPLIER, Math.min(MAX_MULTIPLIER, multiplier));
    }
}
