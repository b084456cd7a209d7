package io.tributary.dispatcher.placement;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;

/** The strategies by their configuration names; {@value #DEFAULT} when none is configured. */
public final class PlacementStrategies {

    public static final String DEFAULT = "bounded-hash";
    public static final List<String> NAMES = List.of("bounded-hash", "two-choices", "least-loaded", "adaptive");

    private PlacementStrategies() {}

    /** A strategy on the wall clock, with default settings. */
    public static PlacementStrategy byName(String name) {
        return byName(name, System::currentTimeMillis, new Random(), PlacementSettings.defaults().expectedRoomPeers());
    }

    /**
     * @param clockMs           the adaptive strategy's clock (simulated time in the simulator)
     * @param random            two-choices' and the annealer's randomness; seed it for repeatable runs
     * @param expectedRoomPeers a new room's assumed size (the bounded hash's room unit)
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static PlacementStrategy byName(String name, LongSupplier clockMs, Random random, int expectedRoomPeers) {
        String key = name == null || name.isBlank() ? DEFAULT : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "bounded-hash" -> new BoundedLoadConsistentHashing(
                    BoundedLoadConsistentHashing.DEFAULT_EPSILON, expectedRoomPeers);
            case "two-choices" -> new TwoRandomChoices(random);
            case "least-loaded" -> new LeastLoaded();
            case "adaptive" -> new AdaptiveWeights(clockMs, expectedRoomPeers, random);
            default -> throw new IllegalArgumentException(
                    "unknown placement strategy '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
