package io.tributary.server.cluster;

import io.tributary.dispatcher.placement.LeastLoaded;
import io.tributary.dispatcher.placement.PlacementStrategy;
import io.tributary.server.config.UsageException;
import io.tributary.state.ClusterState;
import io.tributary.state.InMemoryClusterState;
import io.vertx.core.Vertx;
import java.util.function.Function;

/** What a role's options name: the cluster state to open and the placement strategy. */
public final class ClusterWiring {

    private ClusterWiring() {
    }

    /** {@code null} or "memory": this process' own state; {@code redis://...}: the cluster's. */
    public static Function<Vertx, ClusterState> states(String url) {
        if (url == null || url.equals("memory")) {
            return vertx -> new InMemoryClusterState();
        }
        throw new UsageException("--redis " + url + ": the Redis cluster state is not part of this build yet");
    }

    public static PlacementStrategy strategy(String name) {
        if (name == null || name.equals("least-loaded")) {
            return new LeastLoaded();
        }
        throw new UsageException("unknown --strategy '" + name + "' (known: least-loaded)");
    }
}
