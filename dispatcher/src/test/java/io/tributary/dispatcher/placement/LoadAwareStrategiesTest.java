package io.tributary.dispatcher.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Two random choices and least loaded: both balance when they see current loads. */
class LoadAwareStrategiesTest {

    private static LoadedCluster tenNodes() {
        LoadedCluster cluster = new LoadedCluster();
        for (int i = 0; i < 10; i++) {
            cluster.node("node-" + i, 100);
        }
        return cluster;
    }

    @Test
    void leastLoadedKeepsNodesWithinOneRoomOfEachOther() {
        LoadedCluster cluster = tenNodes();
        cluster.placeRooms(new LeastLoaded(), "room-", 200, 4, () -> {});
        assertEquals(0.8, cluster.peakLoad(), 1e-9);
        assertEquals(0.8, cluster.lowestLoad(), 1e-9);
    }

    @Test
    void twoChoicesBalancesCloseToTheAverage() {
        LoadedCluster cluster = tenNodes();
        cluster.placeRooms(new TwoRandomChoices(new Random(7)), "room-", 200, 4, () -> {});
        assertTrue(cluster.peakLoad() <= 0.8 + 0.12, "peak " + cluster.peakLoad());
        assertTrue(cluster.lowestLoad() >= 0.8 - 0.16, "lowest " + cluster.lowestLoad());
    }

    @Test
    void twoChoicesBalancesBetterThanOneRandomChoice() {
        LoadedCluster twoChoices = tenNodes();
        twoChoices.placeRooms(new TwoRandomChoices(new Random(11)), "room-", 200, 4, () -> {});
        LoadedCluster oneChoice = tenNodes();
        Random random = new Random(11);
        oneChoice.placeRooms(new PlacementStrategy() {
            @Override
            public String name() {
                return "one-random-choice";
            }

            @Override
            public java.util.Optional<NodeRecord> place(RoomKey room, List<NodeRecord> candidates) {
                return java.util.Optional.of(candidates.get(random.nextInt(candidates.size())));
            }
        }, "room-", 200, 4, () -> {});
        assertTrue(twoChoices.peakLoad() < oneChoice.peakLoad(),
                twoChoices.peakLoad() + " vs one choice " + oneChoice.peakLoad());
    }

    @Test
    void twoChoicesWithTheSameSeedRepeatsItsChoices() {
        List<NodeRecord> nodes = tenNodes().records();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        TwoRandomChoices a = new TwoRandomChoices(new Random(3));
        TwoRandomChoices b = new TwoRandomChoices(new Random(3));
        for (int i = 0; i < 50; i++) {
            RoomKey room = new RoomKey("ns", "r" + i);
            first.add(a.place(room, nodes).orElseThrow().nodeId());
            second.add(b.place(room, nodes).orElseThrow().nodeId());
        }
        assertEquals(first, second);
        assertTrue(first.stream().distinct().count() > 5, "choices spread over the nodes: " + first);
    }

    @Test
    void bothTakeTheOnlyCandidateAndNothingFromNone() {
        List<NodeRecord> one = List.of(TestNode.of("solo", 10).record());
        RoomKey room = new RoomKey("ns", "r");
        assertEquals("solo", new TwoRandomChoices(new Random(1)).place(room, one).orElseThrow().nodeId());
        assertEquals("solo", new LeastLoaded().place(room, one).orElseThrow().nodeId());
        assertTrue(new TwoRandomChoices(new Random(1)).place(room, List.of()).isEmpty());
        assertTrue(new LeastLoaded().place(room, List.of()).isEmpty());
    }
}
