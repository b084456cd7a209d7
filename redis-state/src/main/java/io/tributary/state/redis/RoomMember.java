package io.tributary.state.redis;

import io.tributary.state.RoomKey;

/**
 * A room as one string in keys and sorted sets: {@code namespace/roomId}, with '%' and '/' escaped
 * in the namespace so the first '/' always splits it back.
 */
final class RoomMember {

    private RoomMember() {
    }

    static String encode(RoomKey room) {
        return room.namespace().replace("%", "%25").replace("/", "%2F") + "/" + room.roomId();
    }

    static RoomKey decode(String member) {
        int slash = member.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a room member: " + member);
        }
        String namespace = member.substring(0, slash).replace("%2F", "/").replace("%25", "%");
        return new RoomKey(namespace, member.substring(slash + 1));
    }
}
