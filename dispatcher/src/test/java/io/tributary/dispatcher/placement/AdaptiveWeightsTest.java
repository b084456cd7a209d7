package io.tributary.dispatcher.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdaptiveWeightsTest {

    /** Four nodes declaring the same capacity, one of which spends twice the CPU per peer. */
    private static LoadedCluster skewed() {
        return new LoadedCluster().node("a", 1000).node("b", 1000).node("c", 1000).node("hot", 1000, 2.0);
    }

    @Test
    void lowersThePeakBelowPlainHashingWhenANodeRunsHot() {
        LoadedCluster plain = skewed();
        plain.placeRooms(new BoundedLoadConsistentHashing(Double.POSITIVE_INFINITY, 4), "room-", 400, 4, () -> {});

        AtomicLong clock = new AtomicLong();
        LoadedCluster adaptive = skewed();
        AdaptiveWeights strategy = new AdaptiveWeights(clock::get, 4, new Random(5));
        adaptive.placeRooms(strategy, "room-", 400, 4, () -> clock.addAndGet(500));

        assertTrue(adaptive.peakLoad() < 0.85 * plain.peakLoad(),
                "adaptive peak " + adaptive.peakLoad() + " vs plain hashing " + plain.peakLoad());
        assertTrue(strategy.multipliers().get("hot") < 0.8, "the hot node's weight went down: " + strategy.multipliers());
        assertTrue(adaptive.roomsOn("hot") < plain.roomsOn("hot"));
    }

    @Test
    void withoutTuningItIsCapacityWeightedHashing() {
        List<NodeRecord> nodes = skewed().records();
        AdaptiveWeights adaptive = new AdaptiveWeights(() -> 0, 4, new Random(1));
        BoundedLoadConsistentHashing plain = new BoundedLoadConsistentHashing(Double.POSITIVE_INFINITY, 4);
        for (int i = 0; i < 500; i++) {
            RoomKey room = new RoomKey("ns", "r" + i);
            assertEquals(plain.place(room, nodes), adaptive.place(room, nodes));
        }
    }

    @Test
    void updatePeriodShrinksWhileLoadsShiftAndGrowsWhileStable() {
        AtomicLong clock = new AtomicLong();
        LoadedCluster cluster = skewed();
        AdaptiveWeights strategy = new AdaptiveWeights(clock::get, 4, new Random(9));
        cluster.placeRooms(strategy, "burst-", 300, 8, () -> clock.addAndGet(100));
        assertEquals(UpdatePeriod.MIN_MS, strategy.updatePeriodMs(), "a burst shortens the period to a heartbeat");

        List<NodeRecord> steady = cluster.records();
        for (int i = 0; i < 20; i++) {
            clock.addAndGet(strategy.updatePeriodMs());
            strategy.place(new RoomKey("ns", "probe-" + i), steady);
        }
        assertEquals(UpdatePeriod.MAX_MS, strategy.updatePeriodMs(), "stable loads lengthen it to the maximum");
    }

    @Test
    void periodRule() {
        assertEquals(5_000, UpdatePeriod.next(10_000, 0.2));
        assertEquals(UpdatePeriod.MIN_MS, UpdatePeriod.next(3_000, 0.2));
        assertEquals(20_000, UpdatePeriod.next(10_000, 0.001));
        assertEquals(UpdatePeriod.MAX_MS, UpdatePeriod.next(50_000, 0.0));
        assertEquals(10_000, UpdatePeriod.next(10_000, 0.03));
    }
}
