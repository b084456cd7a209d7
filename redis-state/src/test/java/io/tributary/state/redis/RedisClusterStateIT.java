package io.tributary.state.redis;

import io.tributary.state.ClusterState;
import io.tributary.state.ClusterStateContract;
import io.vertx.core.Vertx;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against a real redis-server; each test under its own key prefix. */
class RedisClusterStateIT extends ClusterStateContract {

    private static RedisServerProcess redis;
    private static Vertx vertx;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        vertx.close().await();
        redis.close();
    }

    @Override
    protected ClusterState newState() {
        return RedisClusterState.create(vertx,
                new RedisStateConfig(redis.url(), "test-" + UUID.randomUUID(), RedisStateConfig.DEFAULT_COMMAND_TIMEOUT));
    }
}
