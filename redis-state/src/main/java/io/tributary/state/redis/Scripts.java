package io.tributary.state.redis;

/**
 * The compare-and-set scripts behind {@link RedisClusterState}. A room's lease and its entry in
 * the owner's room index change in one script, with the same expiry, so the index never lists a
 * room its node does not hold.
 */
final class Scripts {

    private Scripts() {
    }

    /** KEYS: record, node index. ARGV: json, ttl ms, node id. */
    static final LuaScript PUT_NODE = LuaScript.withNow("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
            return 1
            """);

    /** KEYS: record, node index. ARGV: node id. */
    static final LuaScript REMOVE_NODE = LuaScript.of("""
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return 1
            """);

    /** KEYS: a sorted set scored by expiry. Drops the expired members, returns the others. */
    static final LuaScript LIVE_MEMBERS = LuaScript.withNow("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            return redis.call('ZRANGE', KEYS[1], 0, -1)
            """);

    /** KEYS: lease, claimant's room index. ARGV: node id, lease ms, room member. Returns the home. */
    static final LuaScript CLAIM_ROOM = LuaScript.withNow("""
            local home = redis.call('GET', KEYS[1])
            if home then
              return home
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
            return ARGV[1]
            """);

    /**
     * KEYS: lease, expected home's room index, new home's room index. ARGV: expected home, new
     * home, lease ms, room member. 1 when moved (or renewed, when both homes are the same), else 0.
     */
    static final LuaScript REPLACE_HOME = LuaScript.withNow("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            redis.call('ZREM', KEYS[2], ARGV[4])
            redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), ARGV[4])
            return 1
            """);

    /** KEYS: lease, owner's room index. ARGV: owner, room member. 1 when released, else 0. */
    static final LuaScript RELEASE_ROOM = LuaScript.withNow("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            return 1
            """);
}
