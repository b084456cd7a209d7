package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The power of two random choices (Azar et al.; LiveKit's {@code twochoice}): two distinct
 * candidates at random, the less loaded wins. Unlike always taking the minimum, stale reports do
 * not herd a burst onto one node (Mitzenmacher, "How useful is old information?").
 */
public final class TwoRandomChoices implements PlacementStrategy {

    private static final Comparator<NodeRecord> LIGHTER =
            Comparator.comparingDouble(NodeLoad::of).thenComparing(NodeRecord::nodeId);

    private final Random random;

    /** {@code random} is shared by all callers (java.util.Random is thread-safe); seed it for repeatable runs. */
    public TwoRandomChoices(Random random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "two-choices";
    }

    @Override
    public Optional<NodeRecord> place(RoomKey room, List<NodeRecord> candidates) {
        int n = candidates.size();
        if (n <= 1) {
            return candidates.stream().findFirst();
        }
        int first = random.nextInt(n);
        int second = random.nextInt(n - 1);
        if (second >= first) {
            second++;
        }
        NodeRecord a = candidates.get(first);
        NodeRecord b = candidates.get(second);
        return Optional.of(LIGHTER.compare(a, b) <= 0 ? a : b);
    }
}
