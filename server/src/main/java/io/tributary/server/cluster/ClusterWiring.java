package io.tributary.server.cluster;

import io.tributary.dispatcher.placement.NamespacePools;
import io.tributary.dispatcher.placement.Placement;
import io.tributary.dispatcher.placement.PlacementSettings;
import io.tributary.dispatcher.placement.PlacementStrategies;
import io.tributary.dispatcher.region.RegionDistances;
import io.tributary.server.config.UsageException;
import io.tributary.state.ClusterState;
import io.tributary.state.ClusterStates;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What a role's options name: the cluster state to open and the placement pipeline. */
public final class ClusterWiring {

    private ClusterWiring() {
    }

    /** {@code null} or "memory": this process' own state; {@code redis://...}: the cluster's. */
    public static Function<Vertx, ClusterState> states(String url) {
        return vertx -> ClusterStates.create(vertx, url);
    }

    /** The placement pipeline with the named strategy (the default one for null) and namespace -> pool assignments. */
    public static Placement placement(String strategy, Map<String, String> pools) {
        return placement(strategy, pools, Map.of());
    }

    /** As above, with each region's fallback regions, nearest first (none: any other region will do). */
    public static Placement placement(String strategy, Map<String, String> pools, Map<String, List<String>> fallback) {
        RegionDistances distances = fallback.isEmpty() ? RegionDistances.none() : RegionDistances.preferences(fallback);
        try {
            return new Placement(PlacementStrategies.byName(strategy), PlacementSettings.defaults(),
                    new NamespacePools(pools), distances, System::currentTimeMillis);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--strategy: " + e.getMessage());
        }
    }
}
