package io.tributary.server.room;

import io.tributary.state.RoomKey;
import java.util.List;

/** One room of this node as monitoring and the cluster see it: its key and its protoo peers. */
public record RoomSummary(RoomKey room, List<String> peers) {
}
