package io.tributary.dispatcher.placement;

import java.util.List;
import java.util.Random;

/**
 * Simulated annealing over the nodes' weight multipliers (weight = capacity x multiplier). The
 * cost predicts each node's load after the next period if {@code demand} peers arrive and split by
 * weight, each costing {@code 1 / effectiveCapacity} of its node, and sums three terms: the peak
 * (what rejects joins), the mean (the cluster's total load, lower when rooms go where peers are
 * cheap) and the mean square (spreads the rest evenly, so equal nodes keep equal weights). The
 * result is scaled to a capacity-weighted mean of 1 and kept only when it lowers the cost by at
 * least 1 %, so the ring (and the rooms it maps) does not churn on noise.
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
        return bestCost < start * (1 - MIN_GAIN) ? normalized(nodes, best) : multipliers;
    }

    static double cost(List<NodeView> nodes, double[] multipliers, double demand) {
        double totalWeight = 0;
        for (int i = 0; i < nodes.size(); i++) {
            totalWeight += nodes.get(i).capacity() * multipliers[i];
        }
        double peak = 0;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < nodes.size(); i++) {
            NodeView node = nodes.get(i);
            double share = totalWeight <= 0 ? 0 : node.capacity() * multipliers[i] / totalWeight;
            double predicted = node.load() + demand * share / node.effectiveCapacity();
            peak = Math.max(peak, predicted);
            sum += predicted;
            squares += predicted * predicted;
        }
        return peak + (sum + squares) / nodes.size();
    }

    /** Scales the multipliers to a capacity-weighted mean of 1: the shares, and so the cost, stay the same. */
    private static double[] normalized(List<NodeView> nodes, double[] multipliers) {
        double weighted = 0;
        double capacity = 0;
        for (int i = 0; i < nodes.size(); i++) {
            weighted += nodes.get(i).capacity() * multipliers[i];
            capacity += nodes.get(i).capacity();
        }
        double scale = weighted <= 0 ? 1 : capacity / weighted;
        double[] out = new double[multipliers.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = clamp(multipliers[i] * scale);
        }
        return out;
    }

    private static double clamp(double multiplier) {
        return Math.max(MIN_MULTIPLIER, Math.min(MAX_MULTIPLIER, multiplier));
    }
}
