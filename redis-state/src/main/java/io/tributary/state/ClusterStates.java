package io.tributary.state;

import io.tributary.state.redis.RedisClusterState;
import io.tributary.state.redis.RedisStateConfig;
import io.vertx.core.Vertx;

/** Picks the implementation from configuration: Redis for a Redis URL, memory otherwise. */
public final class ClusterStates {

    public static final String MEMORY = "memory";

    private ClusterStates() {
    }

    /**
     * {@link InMemoryClusterState} for null, empty or {@value #MEMORY}; otherwise a
     * {@link RedisClusterState} for a {@code redis://}, {@code redis-sentinel://} or
     * {@code redis-cluster://} URL (an IllegalArgumentException names the accepted forms).
     */
    public static ClusterState create(Vertx vertx, String url) {
        if (url == null || url.isBlank() || MEMORY.equals(url.trim())) {
            return new InMemoryClusterState();
        }
        return RedisClusterState.create(vertx, RedisStateConfig.of(url.trim()));
    }
}
