package io.tributary.state.redis;

import io.tributary.state.RoomKey;

/**
 * Where {@link RedisClusterState} keeps things. Every key starts with one hash tag,
 * {@code {prefix}:}, so all of them live in one slot and a Lua script may touch any of them even
 * in Redis Cluster; the state is small (a record per node, a lease per room), so one slot holds it.
 */
final class RedisKeys {

    private final String tag;

    RedisKeys(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("key prefix must be non-empty and free of '{' and '}': " + prefix);
        }
        this.tag = "{" + prefix + "}:";
    }

    /** A node's record (JSON), expiring with its TTL. */
    String node(String nodeId) {
        return tag + "node:" + nodeId;
    }

    /** Sorted set of node ids scored by their record's expiry (server ms): the registry's index. */
    String nodeIndex() {
        return tag + "nodes";
    }

    /** A room's lease: the home node id, expiring with the lease. */
    String room(RoomKey room) {
        return tag + "room:" + RoomMember.encode(room);
    }

    /** Sorted set of the rooms a node holds, scored by each lease's expiry (server ms). */
    String roomsOf(String nodeId) {
        return tag + "node-rooms:" + nodeId;
    }

    /** Sorted set of a room's member nodes (a room spanning nodes), scored by each entry's expiry (server ms). */
    String roomMembers(RoomKey room) {
        return tag + "room-members:" + RoomMember.encode(room);
    }

    /** Hash of a room's member nodes to their peer counts, next to {@link #roomMembers}. */
    String roomMemberPeers(RoomKey room) {
        return tag + "room-member-peers:" + RoomMember.encode(room);
    }

    /** The pub/sub channel of cluster events. */
    String events() {
        return tag + "events";
    }
}
