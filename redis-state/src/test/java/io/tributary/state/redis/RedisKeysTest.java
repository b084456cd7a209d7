package io.tributary.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.state.RoomKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("tributary");

    @Test
    void everyKeyCarriesTheSameHashTag() {
        assertEquals("{tributary}:node:n1", keys.node("n1"));
        assertEquals("{tributary}:nodes", keys.nodeIndex());
        assertEquals("{tributary}:room:acme/standup", keys.room(new RoomKey("acme", "standup")));
        assertEquals("{tributary}:node-rooms:n1", keys.roomsOf("n1"));
        assertEquals("{tributary}:events", keys.events());
    }

    @Test
    void aPrefixWithBracesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RedisKeys("a{b}"));
        assertThrows(IllegalArgumentException.class, () -> new RedisKeys(""));
    }

    @ParameterizedTest
    @CsvSource({"acme,standup", "a/b,c", "a,b/c", "%2F,x", "%,%", "a%2Fb/,/"})
    void roomMembersDecodeToTheSameRoom(String namespace, String roomId) {
        RoomKey room = new RoomKey(namespace, roomId);
        assertEquals(room, RoomMember.decode(RoomMember.encode(room)));
    }
}
