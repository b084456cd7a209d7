package io.tributary.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.state.Await;
import io.tributary.state.ClusterEvent;
import io.tributary.state.ClusterState;
import io.tributary.state.ClusterStateContract;
import io.tributary.state.NodeState;
import io.tributary.state.RoomKey;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real redis-server, each test under its own key prefix; then what only Redis has. */
class RedisClusterStateIT extends ClusterStateContract {

    private static RedisServerProcess redis;
    private static Vertx vertx;
    private String prefix;

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
        prefix = "test-" + UUID.randomUUID();
        return RedisClusterState.create(vertx, new RedisStateConfig(redis.url(), prefix, RedisStateConfig.DEFAULT_COMMAND_TIMEOUT));
    }

    @Test
    void theKeysAreWhereTheReadmeSaysAndExpireInRedis() throws Exception {
        Await.result(state.putNode(node("n1", NodeState.SERVING), LONG));
        Await.result(state.claimRoom(new RoomKey("a/b", "standup"), "n1", LONG));
        String tag = "{" + prefix + "}:";

        assertTrue(redis.command("GET " + tag + "node:n1").startsWith("$"), "the record is a string");
        assertPositiveTtl(tag + "node:n1");
        assertEquals("+zset", redis.command("TYPE " + tag + "nodes"));
        assertEquals("$2", redis.command("GET " + tag + "room:a%2Fb/standup"));
        assertPositiveTtl(tag + "room:a%2Fb/standup");
        assertEquals("+zset", redis.command("TYPE " + tag + "node-rooms:n1"));
    }

    @Test
    void malformedEventsAreDroppedAndCountedAndTheNextOneArrives() throws Exception {
        List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        state.subscribe(events::add);
        ClusterEvent first = new ClusterEvent(ClusterEvent.Type.NODE_UP, "n1", null);
        publishUntilReceived(first, events);

        assertEquals(":1", redis.command("PUBLISH {" + prefix + "}:events not-json"));
        ClusterEvent next = new ClusterEvent(ClusterEvent.Type.NODE_DOWN, "n1", null);
        publishUntilReceived(next, events);
        assertEquals(1, ((RedisClusterState) state).malformedEvents());
        assertTrue(events.stream().allMatch(e -> e.equals(first) || e.equals(next)), "nothing else delivered: " + events);
    }

    private static void assertPositiveTtl(String key) throws Exception {
        String ttl = redis.command("PTTL " + key);
        assertTrue(ttl.startsWith(":") && Long.parseLong(ttl.substring(1)) > 0, key + " has PTTL " + ttl);
    }
}
