package io.tributary.state;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cluster's shared state: the node registry (records that expire unless refreshed), room
 * placement leases ({@code room -> home node}, claimed atomically and released only by the owner),
 * and cluster events. Redis in a cluster, memory in a single process. Every method is asynchronous
 * and safe to call from any thread.
 */
public interface ClusterState {

    /** Writes or refreshes a node's record; it disappears {@code ttl} after the last write. */
    Future<Void> putNode(NodeRecord record, Duration ttl);

    Future<Void> removeNode(String nodeId);

    /** Every live node (unexpired records). */
    Future<List<NodeRecord>> nodes();

    Future<Optional<NodeRecord>> node(String nodeId);

    /**
     * Claims the room for {@code nodeId} unless it already has a home; returns the home after the
     * call (the caller's node when it won). Atomic across the cluster: a room never has two homes.
     */
    Future<String> claimRoom(RoomKey room, String nodeId, Duration lease);

    /** Moves the room from {@code expectedHome} (e.g. a dead node) to {@code newHome}; false if the home was not {@code expectedHome}. */
    Future<Boolean> replaceRoomHome(RoomKey room, String expectedHome, String newHome, Duration lease);

    Future<Optional<String>> roomHome(RoomKey room);

    /** Extends the lease; false (and nothing written) when {@code nodeId} is not the home. */
    Future<Boolean> renewRoom(RoomKey room, String nodeId, Duration lease);

    /** Deletes the placement; false (and nothing deleted) when {@code nodeId} is not the home. */
    Future<Boolean> releaseRoom(RoomKey room, String nodeId);

    /** Rooms currently homed on {@code nodeId}. */
    Future<List<RoomKey>> roomsOf(String nodeId);

    /**
     * Records {@code nodeId} as hosting {@code peers} of the room's peers (a room that spans nodes); the
     * entry disappears {@code ttl} after the last write, so a dead member leaves by itself.
     */
    Future<Void> putRoomMember(RoomKey room, String nodeId, int peers, Duration ttl);

    Future<Void> removeRoomMember(RoomKey room, String nodeId);

    /** The live member nodes of the room with their peer counts (empty for a room on one node or none). */
    Future<Map<String, Integer>> roomMembers(RoomKey room);

    Future<Void> publish(ClusterEvent event);

    /** Delivers every event published from now on (re-subscribed after a reconnect) until the handle is closed. */
    Subscription subscribe(Consumer<ClusterEvent> handler);

    Future<Void> close();

    /** Ends a subscription. */
    interface Subscription {
        void unsubscribe();
    }
}
