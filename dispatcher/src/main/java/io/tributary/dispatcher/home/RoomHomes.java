package io.tributary.dispatcher.home;

import io.tributary.dispatcher.placement.Placement;
import io.tributary.dispatcher.placement.PlacementDecision;
import io.tributary.state.ClusterState;
import io.tributary.state.NodeRecord;
import io.tributary.state.RoomKey;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a room's home node: the live home in the registry, else a node chosen by the placement strategy and claimed
 * atomically (a room that lost its home to a dead node is moved with a compare-and-set, so two dispatchers never give
 * it two homes). Used by dispatchers, and by a draining node that must send a new room elsewhere.
 */
public final class RoomHomes {

    /** How long a claim holds without renewal; home nodes renew it every heartbeat. */
    public static final Duration LEASE = Duration.ofSeconds(20);
    /** How long a member entry holds without renewal; member nodes renew it every few seconds. */
    public static final Duration MEMBER_TTL = Duration.ofSeconds(10);
    /** Suggested wait before asking again when the cluster state cannot be read. */
    public static final int RETRY_AFTER_SECONDS = 3;
    /** A claim that loses a race re-reads the home; more than this many lost races in a row is an error. */
    private static final int ATTEMPTS = 4;

    private final ClusterState state;
    private final Placement placement;
    private final int roomNodeCap;

    public RoomHomes(ClusterState state, Placement placement) {
        this(state, placement, 0);
    }

    /** {@code roomNodeCap}: peers of one room per node before new peers spill to another node (0: no limit). */
    public RoomHomes(ClusterState state, Placement placement, int roomNodeCap) {
        this.state = Objects.requireNonNull(state, "state");
        this.placement = Objects.requireNonNull(placement, "placement");
        this.roomNodeCap = roomNodeCap;
    }

    /**
     * Where a new peer of the room goes: the home while it has fewer than the cap of the room's peers, else a member
     * node that has room, else a new member node placed among the others (registered as a member at once, with the
     * peer counted, so the next join sees it). Without a cap, the home.
     */
    public Future<NodeRecord> resolveJoin(RoomKey room, String region) {
        if (roomNodeCap <= 0) {
            return resolve(room, region);
        }
        return resolve(room, region).compose(home -> state.roomMembers(room).compose(members -> state.nodes()
                .compose(nodes -> {
                    List<NodeRecord> candidates = new ArrayList<>();
                    candidates.add(home);
                    for (String member : members.keySet()) {
                        byId(nodes, member).filter(n -> n.serving() && !n.nodeId().equals(home.nodeId()))
                                .ifPresent(candidates::add);
                    }
                    for (NodeRecord node : candidates) {
                        int peers = members.getOrDefault(node.nodeId(), 0);
                        if (peers < roomNodeCap) {
                            return count(room, node, peers + 1);
                        }
                    }
                    List<NodeRecord> others = nodes.stream()
                            .filter(n -> !members.containsKey(n.nodeId()) && !n.nodeId().equals(home.nodeId())).toList();
                    PlacementDecision decision = placement.place(room, region, others);
                    if (decision instanceof PlacementDecision.NoCapacity full) {
                        return Future.failedFuture(new NoCapacityException(full.reason(), (int) full.retryAfterSeconds()));
                    }
                    return count(room, ((PlacementDecision.Placed) decision).node(), 1);
                })));
    }

    /** Counts the peer being sent to {@code node} until the node's own count replaces it. */
    private Future<NodeRecord> count(RoomKey room, NodeRecord node, int peers) {
        return state.putRoomMember(room, node.nodeId(), peers, MEMBER_TTL).map(node);
    }

    public String strategyName() {
        return placement.strategy().name();
    }

    /**
     * The room's home, placing it when it has none or its home left the registry. Fails with
     * {@link NoCapacityException} when no node can take it.
     */
    public Future<NodeRecord> resolve(RoomKey room, String region) {
        return attempt(room, region, ATTEMPTS);
    }

    private Future<NodeRecord> attempt(RoomKey room, String region, int attemptsLeft) {
        return state.nodes().compose(nodes -> state.roomHome(room).compose(home -> {
            Optional<NodeRecord> live = home.flatMap(id -> byId(nodes, id));
            if (live.isPresent()) {
                return Future.succeededFuture(live.get());
            }
            PlacementDecision decision = placement.place(room, region, nodes);
            if (decision instanceof PlacementDecision.NoCapacity full) {
                return Future.failedFuture(new NoCapacityException(full.reason(), (int) full.retryAfterSeconds()));
            }
            NodeRecord chosen = ((PlacementDecision.Placed) decision).node();
            String nodeId = chosen.nodeId();
            Future<Boolean> won = home.isPresent()
                    ? state.replaceRoomHome(room, home.get(), nodeId, LEASE)
                    : state.claimRoom(room, nodeId, LEASE).map(nodeId::equals);
            return won.compose(ok -> {
                if (ok) {
                    return Future.succeededFuture(chosen);
                }
                if (attemptsLeft <= 1) {
                    return Future.failedFuture(new IllegalStateException("room " + room.qualified()
                            + " kept changing home while being placed"));
                }
                return attempt(room, region, attemptsLeft - 1);
            });
        }));
    }

    private static Optional<NodeRecord> byId(List<NodeRecord> nodes, String nodeId) {
        return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }
}
