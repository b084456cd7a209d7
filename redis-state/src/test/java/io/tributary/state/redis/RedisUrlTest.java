package io.tributary.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUrlTest {

    @Test
    void aRedisUrlIsOneStandaloneServerWithItsDatabase() {
        RedisOptions options = RedisUrl.parse("redis://:secret@10.0.0.5:6380/2");
        assertEquals(RedisClientType.STANDALONE, options.getType());
        assertEquals(List.of("redis://:secret@10.0.0.5:6380/2"), options.getEndpoints());
    }

    @Test
    void aSentinelUrlListsEverySentinelAndNamesTheMaster() {
        RedisOptions options = RedisUrl.parse("redis-sentinel://user:pw@s1:26379,s2:26380,[::1]:26381/cluster-a");
        assertEquals(RedisClientType.SENTINEL, options.getType());
        assertEquals(List.of("redis://user:pw@s1:26379", "redis://user:pw@s2:26380", "redis://user:pw@[::1]:26381"),
                options.getEndpoints());
        assertEquals("cluster-a", options.getMasterName());
        assertEquals(RedisRole.MASTER, options.getRole());
    }

    @Test
    void aSentinelUrlWithoutAMasterNameUsesTheUsualOne() {
        assertEquals("mymaster", RedisUrl.parse("redis-sentinel://s1:26379").getMasterName());
        assertEquals("mymaster", RedisUrl.parse("redis-sentinel://s1:26379/").getMasterName());
    }

    @Test
    void aClusterUrlListsTheSeedNodes() {
        RedisOptions options = RedisUrl.parse("redis-cluster://c1:7000,c2:7001,c3");
        assertEquals(RedisClientType.CLUSTER, options.getType());
        assertEquals(List.of("redis://c1:7000", "redis://c2:7001", "redis://c3"), options.getEndpoints());
    }

    @Test
    void tlsVariantsKeepTls() {
        assertEquals(List.of("rediss://c1:7000"), RedisUrl.parse("rediss-cluster://c1:7000").getEndpoints());
        assertEquals(List.of("rediss://s1:26379"), RedisUrl.parse("rediss-sentinel://s1:26379/m").getEndpoints());
        assertEquals(RedisClientType.STANDALONE, RedisUrl.parse("rediss://r1:6379").getType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost:6379", "http://r1:6379", "redis-cluster://c1:7000/extra",
        "redis-sentinel://s1:26379/a/b", "redis-cluster://c1:7000,,c2:7001", "redis://r1:http", "redis://r1:70000",
        "redis-sentinel://:0"})
    void anythingElseIsRefusedNamingTheAcceptedForms(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(url));
        assertTrue(e.getMessage().contains("redis-sentinel://host:port"), e.getMessage());
    }

    @Test
    void theRefusalDoesNotRepeatThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("redis-cluster://admin:hunter2@c1:7000/x"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
