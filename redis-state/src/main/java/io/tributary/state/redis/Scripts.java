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

    /**
     * KEYS: room members, member peer counts. ARGV: node id, peers, ttl ms. Both keys live at least as
     * long as the newest entry, so a room nobody refreshes leaves nothing behind.
     */
    static final LuaScript PUT_MEMBER = LuaScript.withNow("""
            local ttl = tonumber(ARGV[3])
            redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            for _, key in ipairs(KEYS) do
              if redis.call('PTTL', key) < ttl then
                redis.call('PEXPIRE', key, ttl)
              end
            end
            return 1
            """);

    /** KEYS: room members, member peer counts. ARGV: node id. */
    static final LuaScript REMOVE_MEMBER = LuaScript.of("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """);

    /** KEYS: room members, member peer counts. Drops the expired entries; returns node id, peers, node id, ... */
    static final LuaScript LIVE_MEMBER_PEERS = LuaScript.withNow("""
            for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
              redis.call('HDEL', KEYS[2], gone)
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            local out = {}
            for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              table.insert(out, id)
              table.insert(out, redis.call('HGET', KEYS[2], id) or '0')
            end
            return out
            """);
}
