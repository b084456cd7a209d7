package io.tributary.dispatcher.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.dispatcher.region.RegionDistances;
import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pipeline's filters: pool, draining, stale, full, region with fallback; refusals are typed. */
class PlacementTest {

    private static final long NOW = 1_000_000;
    private static final RoomKey ROOM = new RoomKey("acme", "standup");

    private static Placement placement(NamespacePools pools, RegionDistances regions) {
        return new Placement(new LeastLoaded(), PlacementSettings.defaults(), pools, regions, () -> NOW);
    }

    private static Placement placement() {
        return placement(NamespacePools.none(), RegionDistances.none());
    }

    private static TestNode fresh(String id) {
        return TestNode.of(id, 100).at(NOW - 1000);
    }

    private static Set<String> homesOver(Placement placement, String region, List<NodeRecord> nodes, int rooms) {
        Set<String> homes = new HashSet<>();
        for (int i = 0; i < rooms; i++) {
            PlacementDecision decision = placement.place(new RoomKey("acme", "r" + i), region, nodes);
            homes.add(assertInstanceOf(PlacementDecision.Placed.class, decision).node().nodeId());
        }
        return homes;
    }

    @Test
    void poolLabelsAndDedicatedNodesKeepNamespacesApart() {
        NamespacePools pools = new NamespacePools(Map.of("acme", "premium"));
        List<NodeRecord> nodes = List.of(
                fresh("shared").record(),
                fresh("premium-1").labels(Map.of("pool", "premium")).record(),
                fresh("dedicated").labels(Map.of("namespaces", "globex, acme")).record(),
                fresh("other-tenant").labels(Map.of("namespaces", "globex")).record(),
                fresh("anyone").labels(Map.of("namespaces", "*")).record());

        assertEquals(Set.of("premium-1", "dedicated", "anyone"),
                homesOver(placement(pools, RegionDistances.none()), null, nodes, 40));
        assertTrue(pools.admits(nodes.get(0), "default"));
        assertFalse(pools.admits(nodes.get(0), "acme"));
        assertTrue(pools.admits(nodes.get(3), "globex"));
        assertFalse(pools.admits(nodes.get(3), "default"));
    }

    @Test
    void drainingStaleAndFullNodesTakeNoNewRoom() {
        List<NodeRecord> nodes = List.of(
                fresh("draining").draining().record(),
                TestNode.of("stale", 100).at(NOW - 6001).record(),
                fresh("full-by-peers").peers(100).record(),
                fresh("full-by-cpu").cpu(1.0).record(),
                fresh("ok").peers(90).record());
        assertEquals(Set.of("ok"), homesOver(placement(), null, nodes, 2));
    }

    @Test
    void aFullClusterIsRefusedAtOnceWithRetryAfter() {
        List<NodeRecord> nodes = List.of(
                fresh("draining").draining().record(),
                TestNode.of("stale", 100).at(NOW - 60_000).record(),
                fresh("full").peers(100).record());
        PlacementDecision decision = placement().place(ROOM, null, nodes);

        PlacementDecision.NoCapacity refusal = assertInstanceOf(PlacementDecision.NoCapacity.class, decision);
        assertEquals(5, refusal.retryAfterSeconds());
        assertEquals("no node can take room acme/standup: 3 in its pool, 1 draining, 1 stale, 1 full", refusal.reason());
    }

    @Test
    void noNodeInThePoolIsRefusedToo() {
        PlacementDecision decision = placement().place(ROOM, "eu", List.of());
        PlacementDecision.NoCapacity refusal = assertInstanceOf(PlacementDecision.NoCapacity.class, decision);
        assertEquals("no node serves namespace 'acme'", refusal.reason());
    }

    @Test
    void rampUpChargesFillANodeUntilItReports() {
        Placement placement = new Placement(new LeastLoaded(),
                new PlacementSettings(Duration.ofSeconds(6), 1.0, 4, Duration.ofSeconds(3)),
                NamespacePools.none(), RegionDistances.none(), () -> NOW);
        List<NodeRecord> nodes = List.of(TestNode.of("small", 10).at(NOW - 100).record());
        assertInstanceOf(PlacementDecision.Placed.class, placement.place(new RoomKey("a", "1"), null, nodes));
        assertInstanceOf(PlacementDecision.Placed.class, placement.place(new RoomKey("a", "2"), null, nodes));
        assertInstanceOf(PlacementDecision.Placed.class, placement.place(new RoomKey("a", "3"), null, nodes));
        PlacementDecision fourth = placement.place(new RoomKey("a", "4"), null, nodes);
        assertEquals(3, assertInstanceOf(PlacementDecision.NoCapacity.class, fourth).retryAfterSeconds());
    }

    @Test
    void theJoinersRegionComesFirst() {
        List<NodeRecord> nodes = List.of(fresh("eu-1").region("eu").record(), fresh("eu-2").region("eu").record(),
                fresh("us-1").region("us").record());
        assertEquals(Set.of("eu-1", "eu-2"), homesOver(placement(), "eu", nodes, 20));
        assertEquals(Set.of("us-1"), homesOver(placement(), "us", nodes, 5));
        assertEquals(Set.of("eu-1", "eu-2", "us-1"), homesOver(placement(), null, nodes, 30));
        PlacementDecision.Placed placed = assertInstanceOf(PlacementDecision.Placed.class,
                placement().place(ROOM, "eu", nodes));
        assertFalse(placed.outsideJoinerRegion());
    }

    @Test
    void aFullRegionFallsBackToTheNearestOtherRegion() {
        RegionDistances distances = RegionDistances.table(Map.of(
                "eu-west", Map.of("eu-central", 10.0, "us-east", 80.0, "ap-south", 120.0)));
        List<NodeRecord> nodes = List.of(
                fresh("west").region("eu-west").peers(100).record(),
                fresh("central").region("eu-central").record(),
                fresh("east").region("us-east").record(),
                fresh("mumbai").region("ap-south").record());
        Placement placement = placement(NamespacePools.none(), distances);

        PlacementDecision.Placed placed = assertInstanceOf(PlacementDecision.Placed.class,
                placement.place(ROOM, "eu-west", nodes));
        assertEquals("central", placed.node().nodeId());
        assertTrue(placed.outsideJoinerRegion());
        assertEquals("central", assertInstanceOf(PlacementDecision.Placed.class,
                placement.place(ROOM, "eu-central", nodes)).node().nodeId(), "the table reads both ways");
        assertEquals("east", assertInstanceOf(PlacementDecision.Placed.class,
                placement.place(ROOM, "us-east", nodes)).node().nodeId());
    }

    @Test
    void preferenceListsOrderTheFallbacks() {
        RegionDistances preferences = RegionDistances.preferences(Map.of("ap-south", List.of("ap-east", "eu-west")));
        List<NodeRecord> nodes = List.of(
                fresh("west").region("eu-west").record(),
                fresh("hk").region("ap-east").record(),
                fresh("unnamed").region("sa-east").record());
        Placement placement = placement(NamespacePools.none(), preferences);
        assertEquals("hk", assertInstanceOf(PlacementDecision.Placed.class,
                placement.place(ROOM, "ap-south", nodes)).node().nodeId());
        assertEquals("west", assertInstanceOf(PlacementDecision.Placed.class,
                placement.place(ROOM, "ap-south", nodes.stream().filter(n -> !n.nodeId().equals("hk")).toList()))
                .node().nodeId());
        assertEquals("unnamed", assertInstanceOf(PlacementDecision.Placed.class,
                placement.place(ROOM, "ap-south", List.of(nodes.get(2)))).node().nodeId(),
                "a region no list names is a last resort, not a refusal");
    }

    @Test
    void strategiesByName() {
        assertEquals("bounded-hash", PlacementStrategies.byName(null).name());
        for (String name : PlacementStrategies.NAMES) {
            assertEquals(name, PlacementStrategies.byName(name).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlacementStrategies.byName("round-robin"));
        assertTrue(e.getMessage().contains("bounded-hash, two-choices, least-loaded, adaptive"), e.getMessage());
    }
}
